package dev.kratixtemporal.activities.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.secrets.EncryptedFileSecrets;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.blobs.BlobStoreActivities;
import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.model.FileRef;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Git writer against a real repository: exact files, no empty commits, re-sync after outside pushes. */
class GitStateStoreWriterTest {
  @TempDir
  Path tmp;
  Secrets noSecrets;
  Path bare;
  GitStateStore store;
  StateStoreWriters activities;
  BlobStore blobs;

  /** The file's content goes into the blob store, as a pipeline's outputs do; the change refers to it. */
  private FileRef file(String path, String content) {
    return BlobStoreActivities.ref(blobs, path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @BeforeEach
  void repository() throws Exception {
    blobs = new FolderBlobStore(tmp.resolve("blobs"));
    noSecrets = new EncryptedFileSecrets(tmp.resolve("secrets"), null);
    Path seed = tmp.resolve("seed");
    try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
      Files.writeString(seed.resolve("README.md"), "seed\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("seed").setAuthor(new PersonIdent("t", "t@t")).setCommitter(new PersonIdent("t", "t@t")).call();
    }
    bare = tmp.resolve("state.git");
    Git.cloneRepository().setBare(true).setURI(seed.toUri().toString()).setDirectory(bare.toFile()).call().close();
    store = new GitStateStore("s", bare.toString(), "main", "platform", "bot", "bot@example.com", "basicAuth", null);
    activities = new StateStoreWriters(new GitStateStoreWriter(tmp.resolve("clones"), noSecrets), new BucketStateStoreWriter(noSecrets), blobs);
  }

  private StoreChange write(GitStateStore store, String dir, String file, String content) {
    return new StoreChange(store, List.of(dir), List.of(file(dir + "/" + file, content)), "Update from: " + dir, null);
  }

  private Path freshClone() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "clone");
    Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(dir.toFile()).call().close();
    return dir;
  }

  private List<RevCommit> log() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      List<RevCommit> out = new ArrayList<>();
      git.log().call().forEach(out::add);
      return out;
    }
  }

  @Test
  void writesUnderTheStorePathWithTheAuthorAndNoEmptyCommit() throws Exception {
    String first = activities.writeState(write(store, "dest/resources/a", "cm.yaml", "kind: ConfigMap\n"));
    String again = activities.writeState(write(store, "dest/resources/a", "cm.yaml", "kind: ConfigMap\n"));
    assertThat(again).isEqualTo(first);
    assertThat(log()).hasSize(2);
    RevCommit head = log().get(0);
    assertThat(head.getFullMessage()).isEqualTo("Update from: dest/resources/a");
    assertThat(head.getAuthorIdent().getName()).isEqualTo("bot");
    assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("bot@example.com");
    assertThat(Files.readString(freshClone().resolve("platform/dest/resources/a/cm.yaml"))).isEqualTo("kind: ConfigMap\n");
  }

  @Test
  void aMissingBlobFailsTheWriteForGoodNamingItsShaAndPathAndWritesNothing() throws Exception {
    int commits = log().size();
    FileRef kept = file("d/m/kept.yaml", "kept\n");
    FileRef gone = file("d/m/gone.yaml", "swept before the write\n");
    blobs.delete(gone.sha256());

    assertThatThrownBy(() -> activities.writeState(new StoreChange(store, List.of("d/m"), List.of(kept, gone),
        "Update from: m", null))).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(BlobTexts.BLOB_MISSING);
          assertThat(f.getOriginalMessage()).contains(gone.sha256()).contains("d/m/gone.yaml");
        });
    assertThat(log()).hasSize(commits);
    assertThat(freshClone().resolve("platform/d/m")).doesNotExist();
  }

  @Test
  void aRewriteRemovesOutputsThatDisappearedAndADeleteRemovesTheDirectory() throws Exception {
    activities.writeState(new StoreChange(store, List.of("d/x"), List.of(file("d/x/one.yaml", "1\n"),
        file("d/x/two.yaml", "2\n")), "Update from: x", null));
    activities.writeState(write(store, "d/x", "one.yaml", "1b\n"));
    Path clone = freshClone();
    assertThat(clone.resolve("platform/d/x/one.yaml")).hasContent("1b");
    assertThat(clone.resolve("platform/d/x/two.yaml")).doesNotExist();
    activities.writeState(new StoreChange(store, List.of("d/x"), List.of(), "Delete from: x", null));
    assertThat(freshClone().resolve("platform/d/x")).doesNotExist();
    assertThat(log().get(0).getFullMessage()).isEqualTo("Delete from: x");
  }

  @Test
  void anOutsideCommitThatDeletesOurFilesNeverBlocksTheNextWrite() throws Exception {
    activities.writeState(write(store, "d/r", "cm.yaml", "value: one\n"));
    Path outsider = freshClone();
    try (Git git = Git.open(outsider.toFile())) {
      git.rm().addFilepattern("platform/d/r/cm.yaml").call();
      Files.writeString(outsider.resolve("theirs.txt"), "hello\n");
      git.add().addFilepattern("theirs.txt").call();
      git.commit().setMessage("outside").setAuthor(new PersonIdent("o", "o@o")).setCommitter(new PersonIdent("o", "o@o")).call();
      git.push().call();
    }
    activities.writeState(write(store, "d/r", "cm.yaml", "value: two\n"));
    Path clone = freshClone();
    assertThat(clone.resolve("platform/d/r/cm.yaml")).hasContent("value: two");
    assertThat(clone.resolve("theirs.txt")).hasContent("hello");
  }

  @Test
  void aHundredSimultaneousWritesLandExactlyOnceInFewerCommits() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      results.add(pool.submit(() -> activities.writeState(write(store, "d/req-" + n, "cm.yaml", "n: " + n + "\n"))));
    }
    for (Future<String> r : results) assertThat(r.get()).hasSize(40);
    pool.shutdown();
    Path clone = freshClone();
    try (Stream<Path> files = Files.walk(clone.resolve("platform/d"))) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(100);
    }
    for (int i = 0; i < 100; i++) assertThat(clone.resolve("platform/d/req-" + i + "/cm.yaml")).hasContent("n: " + i);
    int commits = log().size() - 1;
    assertThat(commits).isBetween(1, 99);
    // Every commit changed something.
    for (RevCommit c : log().subList(0, commits)) assertThat(c.getFullMessage()).startsWith("Update from: d/req-");
  }

  @Test
  void aMissingBranchIsAClearError() {
    GitStateStore wrong = new GitStateStore("s", bare.toString(), "nope", "", "bot", "bot@example.com", "basicAuth", null);
    assertThatThrownBy(() -> activities.checkStore(wrong)).isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("branch nope not found");
  }

  @Test
  void filepathModeNoneWritesFlatFilesAndTracksThemForRemoval() throws Exception {
    String tracking = "flat/.kratix/default-wp.yaml";
    activities.writeState(new StoreChange(store, List.of(), List.of(file("flat/a.tf", "a\n"),
        file("flat/b.tf", "b\n")), "Update from: wp", tracking));
    Path clone = freshClone();
    assertThat(clone.resolve("platform/flat/a.tf")).hasContent("a");
    assertThat(Files.readString(clone.resolve("platform/" + tracking))).contains("- flat/a.tf").contains("- flat/b.tf");

    activities.writeState(new StoreChange(store, List.of(), List.of(file("flat/a.tf", "a2\n")), "Update from: wp",
        tracking));
    clone = freshClone();
    assertThat(clone.resolve("platform/flat/a.tf")).hasContent("a2");
    assertThat(clone.resolve("platform/flat/b.tf")).doesNotExist();

    activities.writeState(new StoreChange(store, List.of(), List.of(), "Delete from: wp", tracking));
    clone = freshClone();
    assertThat(clone.resolve("platform/flat/a.tf")).doesNotExist();
    assertThat(clone.resolve("platform/" + tracking)).doesNotExist();
  }
}
