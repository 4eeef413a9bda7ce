package dev.kratixtemporal.activities.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.secrets.EncryptedFileSecrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.FileRef;
import java.util.Map;
import dev.kratixtemporal.model.SecretRef;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that retrying cannot fix fail at once, non-retryable, typed and naming the cause (docs/store-writes.md);
 * git:// writes go through a real `git daemon` on loopback.
 */
class GitWriteFailuresTest {
  @TempDir
  Path tmp;
  EncryptedFileSecrets secrets;
  Path bare;
  GitStateStoreWriter writer;

  @BeforeEach
  void repository() throws Exception {
    secrets = new EncryptedFileSecrets(tmp.resolve("secrets"), null);
    Path seed = tmp.resolve("seed");
    try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
      Files.writeString(seed.resolve("README.md"), "seed\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("seed").setAuthor(new PersonIdent("t", "t@t")).setCommitter(new PersonIdent("t", "t@t")).call();
    }
    bare = tmp.resolve("repos/state.git");
    Git.cloneRepository().setBare(true).setURI(seed.toUri().toString()).setDirectory(bare.toFile()).call().close();
    writer = new GitStateStoreWriter(tmp.resolve("clones"), secrets);
  }

  private static GitStateStore store(String url, String branch, SecretRef secret) {
    return new GitStateStore("s", url, branch, "", "bot", "bot@example.com", "basicAuth", secret);
  }

  private static final String CONFIG_MAP = "kind: ConfigMap\n";
  private static final BlobTexts CONTENTS = BlobTexts.of(Map.of(Hashing.sha256(CONFIG_MAP), CONFIG_MAP));

  private static StoreChange change(GitStateStore store) {
    return new StoreChange(store, List.of("d/a"), List.of(new FileRef("d/a/cm.yaml", Hashing.sha256(CONFIG_MAP),
        CONFIG_MAP.length())),
        "Update from: a", null);
  }

  private static ApplicationFailure failure(Runnable write) {
    try {
      write.run();
    } catch (ApplicationFailure e) {
      return e;
    }
    throw new AssertionError("the write went through");
  }

  @Test
  void aMissingSecretIsNamedAndNotRetried() {
    GitStateStore store = store(bare.toString(), "main", new SecretRef("default", "gw-missing"));
    ApplicationFailure f = failure(() -> writer.write(store, change(store), CONTENTS));
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getType()).isEqualTo("SecretNotFound");
    assertThat(f.getOriginalMessage()).isEqualTo("Secret gw-missing not found in namespace default");
  }

  @Test
  void aSecretWithoutTheKeyIsNamedAndNotRetried() {
    secrets.put(new SecretRef("default", "gw-partial"), java.util.Map.of("username", "kratix"));
    GitStateStore store = store(bare.toString(), "main", new SecretRef("default", "gw-partial"));
    ApplicationFailure f = failure(() -> writer.write(store, change(store), CONTENTS));
    assertThat(f.getType()).isEqualTo("SecretNotFound");
    assertThat(f.getOriginalMessage()).isEqualTo("Secret gw-partial in namespace default has no key password");
  }

  @Test
  void anUnknownBranchIsNamedAndNotRetried() {
    GitStateStore store = store(bare.toString(), "gw-nope", null);
    ApplicationFailure f = failure(() -> writer.write(store, change(store), CONTENTS));
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getType()).isEqualTo("StoreBranchNotFound");
    assertThat(f.getOriginalMessage()).contains("branch gw-nope not found in " + bare);
  }

  @Test
  void aRemoteThatDoesNotAnswerIsRetried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GitStateStore store = store("http://127.0.0.1:" + port + "/state.git", "main", null);
    assertThatThrownBy(() -> writer.write(store, change(store), CONTENTS)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + "/state.git");
  }

  @Test
  void writesThroughARealGitDaemon() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process daemon = new ProcessBuilder("git", "daemon", "--export-all", "--enable=receive-pack", "--reuseaddr",
        "--listen=127.0.0.1", "--port=" + port, "--base-path=" + tmp.resolve("repos"), tmp.resolve("repos").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile()).start();
    try {
      GitStateStore store = store("git://127.0.0.1:" + port + "/state.git", "main", null);
      String commit = null;
      for (int i = 0; i < 50 && commit == null; i++) {
        try {
          commit = writer.write(store, change(store), CONTENTS);
        } catch (IllegalStateException notYetListening) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
      }
      assertThat(commit).isNotNull();
      try (Git git = Git.open(bare.toFile())) {
        assertThat(git.log().call().iterator().next().getFullMessage()).isEqualTo("Update from: a");
        assertThat(git.getRepository().resolve("main").name()).isEqualTo(commit);
      }
    } finally {
      daemon.destroy();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void whatTheRemoteSaysIsSortedIntoCausesRetryingCannotFix() {
    org.eclipse.jgit.transport.URIish uri = new org.eclipse.jgit.transport.URIish().setScheme("https").setHost("git.example")
        .setPath("/state.git");
    // Messages as JGit words them.
    assertThat(GitProblems.permanent(new org.eclipse.jgit.errors.TransportException(uri, "not authorized")))
        .isEqualTo("StoreAuthenticationFailed");
    assertThat(GitProblems.permanent(new org.eclipse.jgit.errors.TransportException(uri,
        "Authentication is required but no CredentialsProvider has been registered"))).isEqualTo("StoreAuthenticationFailed");
    assertThat(GitProblems.permanent(new org.eclipse.jgit.errors.TransportException(uri, "git-receive-pack not permitted")))
        .isEqualTo("StoreAccessDenied");
    assertThat(GitProblems.permanent(new org.eclipse.jgit.errors.TransportException(uri, "Repository not found")))
        .isEqualTo("StoreRepositoryNotFound");
    assertThat(GitProblems.permanent(new org.eclipse.jgit.errors.TransportException(uri, "connection failed",
        new java.net.ConnectException("Connection refused")))).isNull();
    assertThat(GitProblems.permanent(new java.io.IOException("disk full"))).isNull();
  }
}
