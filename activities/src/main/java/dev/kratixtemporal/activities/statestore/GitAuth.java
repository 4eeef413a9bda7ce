package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.GitStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How a Git store authenticates (Kratix docs: GitStateStore): basicAuth with the Secret's username and password keys, or ssh with its
 * sshPrivateKey and knownHosts keys. The ssh key is written to a folder of the clone cache readable by its owner only;
 * no secret value is ever logged.
 */
final class GitAuth {
  private final UsernamePasswordCredentialsProvider basic;
  private final SshdSessionFactory ssh;

  private GitAuth(UsernamePasswordCredentialsProvider basic, SshdSessionFactory ssh) {
    this.basic = basic;
    this.ssh = ssh;
  }

  static final GitAuth NONE = new GitAuth(null, null);

  /** The store's credentials as they are now (a Secret may change between writes). */
  static GitAuth of(GitStateStore store, Secrets secrets, Path keyCache) throws IOException {
    if (store.secretRef() == null) return NONE;
    Map<String, String> data = secrets.get(store.secretRef());
    switch (store.authMethod()) {
      case "basicAuth":
        return new GitAuth(new UsernamePasswordCredentialsProvider(Secrets.require(data, store.secretRef(), "username"),
            Secrets.require(data, store.secretRef(), "password")), null);
      case "ssh":
        return new GitAuth(null, sshFactory(Secrets.require(data, store.secretRef(), "sshPrivateKey"),
            Secrets.require(data, store.secretRef(), "knownHosts"), keyCache));
      default:
        throw new IOException("authMethod " + store.authMethod() + " is not supported by this installation");
    }
  }

  void configure(TransportCommand<?, ?> command) {
    if (basic != null) command.setCredentialsProvider(basic);
    if (ssh != null) {
      command.setTransportConfigCallback(t -> {
        if (t instanceof SshTransport s) s.setSshSessionFactory(ssh);
      });
    }
  }

  /** One session factory per (key, known hosts): the folder is named by their hash, so a changed Secret gets a new one. */
  private static final Map<String, SshdSessionFactory> FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

  private static SshdSessionFactory sshFactory(String privateKey, String knownHosts, Path keyCache) throws IOException {
    String id = Hashing.md5(privateKey + "\n" + knownHosts).substring(0, 16);
    Path dir = keyCache.resolve(id);
    if (!Files.exists(dir.resolve("known_hosts"))) {
      Files.createDirectories(dir);
      ownerOnly(dir, "rwx------");
      Path key = dir.resolve("id_key");
      Files.writeString(key, privateKey.endsWith("\n") ? privateKey : privateKey + "\n", StandardCharsets.UTF_8);
      ownerOnly(key, "rw-------");
      Files.writeString(dir.resolve("known_hosts"), knownHosts.endsWith("\n") ? knownHosts : knownHosts + "\n",
          StandardCharsets.UTF_8);
    }
    return FACTORIES.computeIfAbsent(id, k -> new SshdSessionFactoryBuilder()
        .setHomeDirectory(dir.toFile())
        .setSshDirectory(dir.toFile())
        .setDefaultIdentities(home -> List.of(dir.resolve("id_key")))
        .setDefaultKnownHostsFiles(home -> List.of(dir.resolve("known_hosts")))
        .build(null));
  }

  private static void ownerOnly(Path p, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the cache folder's permissions apply.
    }
  }
}
