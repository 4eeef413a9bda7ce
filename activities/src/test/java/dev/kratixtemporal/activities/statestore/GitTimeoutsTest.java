package dev.kratixtemporal.activities.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.secrets.EncryptedFileSecrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.FileRef;
import java.util.Map;
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
      String sha = Hashing.sha256("x: 1\n");
      assertThatThrownBy(() -> writer.write(store, new StoreChange(store, List.of(),
          List.of(new FileRef("a/b.yaml", sha, 5)), "Update from: a", null), BlobTexts.of(Map.of(sha, "x: 1\n"))))
          .hasMessageContaining("timed out");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    }
    for (Socket s : held) s.close();
  }
}
