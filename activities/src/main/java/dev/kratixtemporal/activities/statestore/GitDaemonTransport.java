package dev.kratixtemporal.activities.statestore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BasePackFetchConnection;
import org.eclipse.jgit.transport.BasePackPushConnection;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.TcpTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

/**
 * git:// (the git daemon protocol, v0) with a read timeout on its socket. JGit's own git:// transport bounds reads
 * by interrupting the reading thread, which does not unblock a read on a socket: a daemon that accepts and then
 * says nothing held a write forever. Here the socket's SO_TIMEOUT is the command's timeout, so such a read fails
 * with "Read timed out" and the write is retried (GitTimeoutsTest).
 */
final class GitDaemonTransport extends TcpTransport implements PackTransport {
  private static final int GIT_PORT = 9418;

  /** Registered ahead of JGit's git:// protocol; Transport keeps a weak reference only, so this holds it. */
  static final TransportProtocol PROTOCOL = new TransportProtocol() {
    @Override
    public String getName() {
      return "Anonymous Git, with read timeout";
    }

    @Override
    public Set<String> getSchemes() {
      return Set.of("git");
    }

    @Override
    public Set<URIishField> getRequiredFields() {
      return Set.of(URIishField.HOST, URIishField.PATH);
    }

    @Override
    public Set<URIishField> getOptionalFields() {
      return Set.of(URIishField.PORT);
    }

    @Override
    public int getDefaultPort() {
      return GIT_PORT;
    }

    @Override
    public Transport open(URIish uri, Repository local, String remoteName) {
      return new GitDaemonTransport(local, uri);
    }
  };

  private static boolean registered;

  /** Makes git:// URLs use this transport; idempotent. */
  static synchronized void register() {
    if (!registered) Transport.register(PROTOCOL);
    registered = true;
  }

  private GitDaemonTransport(Repository local, URIish uri) {
    super(local, uri);
  }

  @Override
  public FetchConnection openFetch() throws TransportException {
    return new Fetch(this);
  }

  @Override
  public PushConnection openPush() throws TransportException {
    return new Push(this);
  }

  @Override
  public void close() {
    // Each connection closes its own socket.
  }

  private Socket connect() throws TransportException {
    int millis = getTimeout() > 0 ? getTimeout() * 1000 : 0;
    int port = uri.getPort() > 0 ? uri.getPort() : GIT_PORT;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(uri.getHost(), port), millis);
      socket.setSoTimeout(millis);
      return socket;
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already failing.
      }
      throw new TransportException(uri, "cannot reach git daemon: " + e.getMessage(), e);
    }
  }

  /** The daemon's request line: which service, which repository, which host (protocol v0). */
  private String request(String service) {
    String host = uri.getHost() + (uri.getPort() > 0 && uri.getPort() != GIT_PORT ? ":" + uri.getPort() : "");
    return service + " " + uri.getPath() + "\0host=" + host + "\0";
  }

  private static final class Fetch extends BasePackFetchConnection implements Starter {
    private final Socket socket;

    Fetch(GitDaemonTransport transport) throws TransportException {
      super(transport);
      socket = transport.connect();
      start(this, socket, transport.request("git-upload-pack"));
      readAdvertisedRefs();
    }

    @Override
    public void begin(java.io.InputStream in, java.io.OutputStream out, String request) throws IOException {
      init(in, out);
      pckOut.writeString(request);
      pckOut.flush();
    }

    @Override
    public void close() {
      super.close();
      closeQuietly(socket);
    }
  }

  private static final class Push extends BasePackPushConnection implements Starter {
    private final Socket socket;

    Push(GitDaemonTransport transport) throws TransportException {
      super(transport);
      socket = transport.connect();
      start(this, socket, transport.request("git-receive-pack"));
      readAdvertisedRefs();
    }

    @Override
    public void begin(java.io.InputStream in, java.io.OutputStream out, String request) throws IOException {
      init(in, out);
      pckOut.writeString(request);
      pckOut.flush();
    }

    @Override
    public void close() {
      super.close();
      closeQuietly(socket);
    }
  }

  /** Opens the connection's streams on the socket and sends the request line. */
  private static void start(Starter connection, Socket socket, String request) throws TransportException {
    try {
      connection.begin(new BufferedInputStream(socket.getInputStream()), new BufferedOutputStream(socket.getOutputStream()),
          request);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new TransportException("git daemon hung up: " + e.getMessage(), e);
    }
  }

  private interface Starter {
    void begin(java.io.InputStream in, java.io.OutputStream out, String request) throws IOException;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing.
    }
  }
}
