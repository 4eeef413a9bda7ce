package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activities.secrets.SecretNotFoundException;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.logic.StatePaths;
import dev.kratixtemporal.model.GitStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Writes Git stores, with one cached clone and one writer per (repository, branch). */
public class GitStateStoreWriter implements StoreWriter<GitStateStore> {
  private final Path cacheDir;
  private final Secrets secrets;
  private final ConcurrentMap<String, GitRepository> repositories = new ConcurrentHashMap<>();
  /** Connect and read timeout of every Git transport (http, git://, ssh). */
  private final int transportTimeoutSeconds;

  public GitStateStoreWriter(Path cacheDir, Secrets secrets) {
    this(cacheDir, secrets, GitRepository.TRANSPORT_TIMEOUT_SECONDS);
  }

  GitStateStoreWriter(Path cacheDir, Secrets secrets, int transportTimeoutSeconds) {
    this.cacheDir = cacheDir;
    this.secrets = secrets;
    this.transportTimeoutSeconds = transportTimeoutSeconds;
  }

  /**
   * Retried by Temporal when it throws an IllegalStateException: the store may come back. What retrying cannot fix
   * fails non-retryable with its type (docs/store-writes.md): a missing Secret or key (SecretNotFound, naming it),
   * credentials refused, no access, no such repository or branch, and an unsafe path (outside the store, under
   * .git, through a link), naming the path.
   */
  @Override
  public String write(GitStateStore store, StoreChange change, BlobTexts contents) {
    GitAuth auth = authOrFail(store);
    try {
      return repository(store).write(store, change, contents, auth);
    } catch (IOException | GitAPIException e) {
      // What retrying cannot fix fails at once, named; the rest (a remote down, a push race) is retried.
      String permanent = GitProblems.permanent(e);
      if (permanent != null) {
        throw StoreFailures.of(permanent, "writing to " + store.url() + " (branch " + store.branch() + "): "
            + StoreFailures.rootMessage(e));
      }
      String what = GitProblems.unreachable(e) ? "cannot reach " : "writing to ";
      throw new IllegalStateException(what + store.url() + ": " + StoreFailures.rootMessage(e), e);
    }
  }

  /** The store's credentials; a missing Secret, or one that cannot be read, fails for good naming it. */
  private GitAuth authOrFail(GitStateStore store) {
    try {
      return auth(store);
    } catch (SecretNotFoundException e) {
      throw StoreFailures.of(StoreFailures.SECRET_NOT_FOUND, e.getMessage());
    } catch (IOException e) {
      throw StoreFailures.of(StoreFailures.INITIALISING, e.getMessage());
    }
  }

  /** The files under a directory of the store (relative to its spec.path), by path from the store's root. */
  @Override
  public Map<String, String> read(GitStateStore store, String directory) {
    try {
      return repository(store).snapshot(auth(store), StatePaths.join(store.path(), directory));
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("reading " + store.url() + ": " + StoreFailures.rootMessage(e), e);
    }
  }

  /**
   * Kratix's readiness: the repository can be cloned, and a push is allowed. Ours also needs the remote to answer
   * (else StateStoreUnreachable) and the branch to hold no symbolic link under the store's path, since every write
   * through one is refused.
   */
  @Override
  public void check(GitStateStore store) {
    GitAuth auth = authOrFail(store);
    GitRepository repository = repository(store);
    Set<String> links;
    try {
      links = repository.fetchLinks(auth, StatePaths.join(store.path(), ""));
    } catch (IOException | GitAPIException | RuntimeException e) {
      if (GitProblems.unreachable(e)) throw unreachable(store, e);
      throw StoreFailures.of(StoreFailures.INITIALISING,
          "unable to clone repository " + store.url() + ": " + StoreFailures.rootMessage(e));
    }
    if (!links.isEmpty()) {
      throw StoreFailures.of(StoreFailures.LINK_IN_STORE, "branch " + store.branch() + " of " + store.url()
          + " holds symbolic links, which Kratix will not write through: " + String.join(", ", links));
    }
    try {
      repository.probePush(auth);
    } catch (IOException | GitAPIException | RuntimeException e) {
      if (GitProblems.unreachable(e)) throw unreachable(store, e);
      throw StoreFailures.of(StoreFailures.PERMISSIONS,
          "write permission validation failed for " + store.url() + ": " + StoreFailures.rootMessage(e));
    }
  }

  private static RuntimeException unreachable(GitStateStore store, Throwable e) {
    return StoreFailures.of(StoreFailures.UNREACHABLE, "cannot reach " + store.url() + ": " + StoreFailures.rootMessage(e));
  }

  private GitAuth auth(GitStateStore store) throws IOException {
    return GitAuth.of(store, secrets, Files.createDirectories(cacheDir.resolve("ssh")));
  }

  private GitRepository repository(GitStateStore store) {
    String key = store.url() + "#" + store.branch();
    return repositories.computeIfAbsent(key, k -> new GitRepository(store.url(), store.branch(),
        cacheDir.resolve(Hashing.md5(k).substring(0, 16)), transportTimeoutSeconds));
  }
}
