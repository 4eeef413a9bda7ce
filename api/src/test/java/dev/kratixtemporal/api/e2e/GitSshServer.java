package dev.kratixtemporal.api.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** OpenSSH's sshd on a loopback port with one authorised ed25519 key, serving a bare repository over SSH. */
final class GitSshServer extends LocalServer {
  final Path repository;
  final String clientPrivateKey;
  final String knownHosts;

  GitSshServer(Path dir) {
    super(dir);
    repository = bareRepository(dir, "state.git");
    try {
      run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
      run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kratix", "-f", dir.resolve("client_key").toString());
      Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
      clientPrivateKey = Files.readString(dir.resolve("client_key"));
      String[] hostKey = Files.readString(dir.resolve("host_key.pub")).strip().split(" ");
      knownHosts = "[127.0.0.1]:" + port + " " + hostKey[0] + " " + hostKey[1] + "\n";
      Files.createDirectories(Path.of("/run/sshd"));
      Files.writeString(dir.resolve("sshd_config"), """
          ListenAddress 127.0.0.1:%d
          HostKey %s/host_key
          PidFile %s/sshd.pid
          AuthorizedKeysFile %s/authorized_keys
          StrictModes no
          PasswordAuthentication no
          KbdInteractiveAuthentication no
          PermitRootLogin prohibit-password
          UsePAM no
          """.formatted(port, dir, dir, dir));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    start(List.of("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString()));
  }

  String url() {
    return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + repository;
  }
}
