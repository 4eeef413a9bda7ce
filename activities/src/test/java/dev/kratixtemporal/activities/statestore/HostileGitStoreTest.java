package dev.kratixtemporal.activities.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.secrets.EncryptedFileSecrets;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.BucketStateStore;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.blobs.BlobStoreActivities;
import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.model.FileRef;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git writer against repositories someone made hostile or that broke under it: links committed in the tree,
 * paths escaping the store, a clone left damaged by a killed write, a remote that is down or hangs.
 */
class HostileGitStoreTest {
  @TempDir
  Path tmp;
  Path target;
  Path clones;
  Secrets noSecrets;
  StateStoreWriters activities;
  BlobStore blobs;

  /** The file's content goes into the blob store, as a pipeline's outputs do; the change refers to it. */
  private FileRef file(String path, String content) {
    return BlobStoreActivities.ref(blobs, path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @BeforeEach
  void writer() throws IOException {
    blobs = new FolderBlobStore(tmp.resolve("blobs"));
    target = Files.createDirectories(tmp.resolve("host-target"));
    clones = tmp.resolve("clones");
    noSecrets = new EncryptedFileSecrets(tmp.resolve("secrets"), null);
    activities = new StateStoreWriters(new GitStateStoreWriter(clones, noSecrets), new BucketStateStoreWriter(noSecrets), blobs);
  }

  /** A bare repository whose main branch is the seed folder's files, committed with the git CLI (links and all). */
  private Path bareRepository(String name, Path seed) {
    git(tmp, "init", "-q", "-b", "main", seed.toString());
    git(seed, "add", "-A");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seed");
    Path bare = tmp.resolve(name);
    git(tmp, "clone", "-q", "--bare", seed.toString(), bare.toString());
    return bare;
  }

  private Path plainRepository(String name) throws IOException {
    Path seed = Files.createDirectories(tmp.resolve(name + "-seed"));
    Files.writeString(seed.resolve("README.md"), "seed\n");
    return bareRepository(name, seed);
  }

  private static GitStateStore store(String url, String path) {
    return new GitStateStore("sto", url, "main", path, "bot", "bot@example.com", "basicAuth", null);
  }

  private StoreChange change(GitStateStore store, String file, String content) {
    return new StoreChange(store, List.of(), List.of(file(file, content)), "Update from: sto", null);
  }

  /** The file as a fresh clone of the remote has it, or null. */
  private String remoteFile(Path bare, String path) throws IOException {
    Path check = Files.createTempDirectory(tmp, "check");
    git(tmp, "clone", "-q", bare.toString(), check.toString());
    Path f = check.resolve(path);
    return Files.isRegularFile(f) ? Files.readString(f) : null;
  }

  private Path onlyClone() throws IOException {
    try (Stream<Path> dirs = Files.list(clones)) {
      List<Path> found = dirs.filter(d -> Files.isRegularFile(d.resolve("HEAD"))).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private static String commitCount(Path bare) {
    return git(bare, "rev-list", "--count", "main").strip();
  }

  @Test
  void aCommittedLinkIsNeverFollowedTheWriteFailsNamingItAndTheStoreIsNotReady() throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("linked-seed/dev"));
    Files.createSymbolicLink(seed.resolve("resources"), target);
    Path bare = bareRepository("linked.git", seed.getParent());
    GitStateStore store = store(bare.toString(), "");

    assertThatThrownBy(() -> activities.writeState(change(store, "dev/resources/req/cm.yaml", "kind: ConfigMap\n")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(StoreFailures.LINK_IN_STORE);
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getOriginalMessage())
              .isEqualTo("refusing to write dev/resources/req/cm.yaml: dev/resources is a symbolic link in the state store");
        });
    // Deleting through the link is refused as well.
    assertThatThrownBy(() -> activities.writeState(
        new StoreChange(store, List.of("dev/resources/req"), List.of(), "Delete from: sto", null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo(StoreFailures.LINK_IN_STORE));
    try (Stream<Path> leaked = Files.list(target)) {
      assertThat(leaked).isEmpty();
    }
    // Our clone is bare: nothing of the tree, link or file, is ever on disk.
    assertThat(onlyClone().resolve("dev")).doesNotExist();
    assertThat(commitCount(bare)).isEqualTo("1");

    assertThatThrownBy(() -> activities.checkStore(store))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(StoreFailures.LINK_IN_STORE);
          assertThat(f.getOriginalMessage()).isEqualTo("branch main of " + bare
              + " holds symbolic links, which Kratix will not write through: dev/resources");
        });

    // Paths beside the link are written as usual.
    activities.writeState(change(store, "dev/dependencies/ns.yaml", "kind: Namespace\n"));
    assertThat(remoteFile(bare, "dev/dependencies/ns.yaml")).isEqualTo("kind: Namespace\n");
  }

  @Test
  void aFileWhereAFolderMustGoIsReplacedAFolderRemovalTakesOnlyThatFolderAndAnUnchangedWriteMakesNoCommit()
      throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("shapes-seed/dev"));
    Files.writeString(seed.resolve("req"), "a file where a folder will go\n");
    Files.createDirectories(seed.resolve("req-2"));
    Files.writeString(seed.resolve("req-2/keep.yaml"), "keep\n");
    Path bare = bareRepository("shapes.git", seed.getParent());
    GitStateStore store = store(bare.toString(), "");

    activities.writeState(change(store, "dev/req/cm.yaml", "kind: ConfigMap\n"));
    assertThat(remoteFile(bare, "dev/req/cm.yaml")).isEqualTo("kind: ConfigMap\n");
    // Names Git sorts differently from Java: a folder sorts as if it ended in '/'.
    activities.writeState(new StoreChange(store, List.of(), List.of(file("dev/a-b.yaml", "1\n"), file("dev/a/x.yaml", "2\n"),
        file("dev/a.yaml", "3\n"), file("dev/a0", "4\n")), "Update from: sto", null));
    assertThat(git(bare, "fsck", "--strict", "--no-dangling")).isEmpty();
    assertThat(remoteFile(bare, "dev/a/x.yaml")).isEqualTo("2\n");
    assertThat(commitCount(bare)).isEqualTo("3");
    activities.writeState(new StoreChange(store, List.of("dev/a", "dev/a-b.yaml", "dev/a.yaml", "dev/a0"), List.of(),
        "Delete from: sto", null));
    assertThat(commitCount(bare)).isEqualTo("4");
    assertThat(remoteFile(bare, "dev/a.yaml")).isNull();

    activities.writeState(change(store, "dev/req/cm.yaml", "kind: ConfigMap\n"));
    assertThat(commitCount(bare)).isEqualTo("4");

    activities.writeState(new StoreChange(store, List.of("dev/req"), List.of(), "Delete from: sto", null));
    assertThat(remoteFile(bare, "dev/req/cm.yaml")).isNull();
    assertThat(remoteFile(bare, "dev/req-2/keep.yaml")).isEqualTo("keep\n");
    assertThat(commitCount(bare)).isEqualTo("5");
    assertThat(git(bare, "fsck", "--strict", "--no-dangling")).isEmpty();
  }

  @Test
  void pathsOutsideTheStoreOrUnderDotGitAreRefusedNamingThePathForGitAndBucketStores() throws Exception {
    Path bare = plainRepository("paths.git");
    GitStateStore git = store(bare.toString(), "platform");
    BucketStateStore bucket = new BucketStateStore("sto-b", "127.0.0.1:1", "kratix", "platform", true, "accessKey", null);
    for (var store : List.of(git, bucket)) {
      for (String path : List.of("../../../tmp/x.yaml", "../other/x.yaml", ".git/config", "dev/.git/HEAD", "dev/.GIT/x",
          "/etc/passwd")) {
        StoreChange change = new StoreChange(store, List.of(), List.of(file(path, "x\n")), "Update from: sto", null);
        assertThatThrownBy(() -> activities.writeState(change)).as(path)
            .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
              assertThat(f.getType()).isEqualTo(StoreFailures.PATH_OUTSIDE_STORE);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).startsWith("path \"" + path + "\" is ");
            });
      }
      StoreChange removal = new StoreChange(store, List.of("../../.."), List.of(), "Delete from: sto", null);
      assertThatThrownBy(() -> activities.writeState(removal)).isInstanceOfSatisfying(ApplicationFailure.class,
          f -> assertThat(f.getOriginalMessage()).isEqualTo("path \"../../..\" is outside the state store path \"platform\""));
    }
    assertThat(commitCount(bare)).isEqualTo("1");
    assertThat(tmp.resolve("other")).doesNotExist();
  }

  @Test
  void aStaleRefLockFromAKilledWriteIsRepairedOnTheNextWrite() throws Exception {
    Path bare = plainRepository("lock.git");
    GitStateStore store = store(bare.toString(), "");
    activities.writeState(change(store, "d/one.yaml", "1\n"));
    Files.writeString(onlyClone().resolve("refs/remotes/origin/main.lock"), "");
    activities.writeState(change(store, "d/two.yaml", "2\n"));
    assertThat(remoteFile(bare, "d/two.yaml")).isEqualTo("2\n");
    assertThat(onlyClone().resolve("refs/remotes/origin/main.lock")).doesNotExist();
  }

  @Test
  void aDamagedHeadOrMissingObjectsAreRepairedOnTheNextWrite() throws Exception {
    Path bare = plainRepository("damaged.git");
    GitStateStore store = store(bare.toString(), "");
    activities.writeState(change(store, "d/one.yaml", "1\n"));
    Files.writeString(onlyClone().resolve("HEAD"), "garbage\n");
    activities.writeState(change(store, "d/two.yaml", "2\n"));
    assertThat(remoteFile(bare, "d/two.yaml")).isEqualTo("2\n");

    deleteTree(onlyClone().resolve("objects"));
    activities.writeState(change(store, "d/three.yaml", "3\n"));
    assertThat(remoteFile(bare, "d/three.yaml")).isEqualTo("3\n");
    activities.checkStore(store);

    Files.writeString(onlyClone().resolve("config"), "[core]\n\trepositoryformatversion = 9\n");
    activities.writeState(change(store, "d/four.yaml", "4\n"));
    assertThat(remoteFile(bare, "d/four.yaml")).isEqualTo("4\n");
    assertThat(remoteFile(bare, "d/one.yaml")).isEqualTo("1\n");
  }

  @Test
  void aStoreWhoseRemoteIsDownIsUnreachableNamingTheUrlAndReadyOnceItAnswers() throws Exception {
    Path bare = plainRepository("daemon.git");
    int port = freePort();
    String url = "git://127.0.0.1:" + port + "/daemon.git";
    GitStateStore store = store(url, "");
    assertThatThrownBy(() -> activities.checkStore(store))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(StoreFailures.UNREACHABLE);
          assertThat(f.getOriginalMessage()).startsWith("cannot reach " + url + ": ").contains("Connection refused");
        });
    assertThatThrownBy(() -> activities.writeState(change(store, "d/x.yaml", "x\n")))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot reach " + url + ": ");

    Process daemon = new ProcessBuilder("git", "daemon", "--listen=127.0.0.1", "--port=" + port, "--export-all",
        "--enable=receive-pack", "--base-path=" + tmp, "--reuseaddr", tmp.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile()).start();
    try {
      awaitPort(port);
      activities.checkStore(store);
      activities.writeState(change(store, "d/x.yaml", "x\n"));
      assertThat(remoteFile(bare, "d/x.yaml")).isEqualTo("x\n");
    } finally {
      daemon.destroy();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRemoteThatNeverAnswersFailsTheCheckAfterTheTransportTimeout() throws Exception {
    // Accepts connections (the backlog does) and never answers a byte.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/silent.git";
      long start = System.nanoTime();
      assertThatThrownBy(() -> activities.checkStore(store(url, "")))
          .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(StoreFailures.UNREACHABLE);
            assertThat(f.getOriginalMessage()).startsWith("cannot reach " + url + ": ");
          });
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(seconds).isBetween(25L, 50L);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (var s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("git daemon did not listen on " + port);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static String git(Path dir, String... args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("git"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(command + ": " + out);
      return out;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
