package dev.kratixtemporal.activities.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.secrets.EncryptedFileSecrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.OutputFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Git server that accepts the connection and then says nothing: every transport must give up after its read
 * timeout instead of holding the write (and the clone) forever.
 */
class GitTimeoutsTest {
  @TempDir
  Path tmp;

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aSilentGitDaemonTimesOut() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try {
          while (true) held.add(silent.accept());
        } catch (Exception e) {
          // closed
        }
      });
      accept.setDaemon(true);
      accept.start();
      GitStateStore store = new GitStateStore("s", "git://127.0.0.1:" + silent.getLocalPort() + "/state.git", "main", "",
          "bot", "bot@example.com", "basicAuth", null);
      var noSecrets = new EncryptedFileSecrets(tmp.resolve("secrets"), null);
      GitStateStoreWriter writer = new GitStateStoreWriter(tmp.resolve("clones"), noSecrets, 2);
      long start = System.nanoTime();
      assertThatThrownBy(() -> writer.write(store, new StoreChange(store, List.of(),
          List.of(new OutputFile("a/b.yaml", "x: 1\n")), "Update from: a", null)))
          .hasMessageContaining("timed out");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    }
    for (Socket s : held) s.close();
  }
}
