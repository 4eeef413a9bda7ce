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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Writes Git stores, with one cached clone and one writer per (repository, branch). */
public class GitStateStoreWriter {
  private final Path cacheDir;
  private final Secrets secrets;
  private final ConcurrentMap<String, GitRepository> repositories = new ConcurrentHashMap<>();

  public GitStateStoreWriter(Path cacheDir, Secrets secrets) {
    this.cacheDir = cacheDir;
    this.secrets = secrets;
  }

  /** Retried by Temporal when it throws: the store or its Secret may come back. */
  String write(GitStateStore store, StoreChange change) {
    try {
      return repository(store).write(store, change, auth(store));
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("writing to " + store.url() + ": " + StoreFailures.rootMessage(e), e);
    }
  }

  /** The files under a directory of the store (relative to its spec.path), by path from the store's root. */
  Map<String, String> read(GitStateStore store, String directory) {
    try {
      return repository(store).snapshot(auth(store), StatePaths.join(store.path(), directory));
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("reading " + store.url() + ": " + StoreFailures.rootMessage(e), e);
    }
  }

  /** Kratix's readiness: the repository can be cloned, and a push is allowed. */
  void check(GitStateStore store) {
    GitAuth auth;
    try {
      auth = auth(store);
    } catch (SecretNotFoundException e) {
      throw StoreFailures.of(StoreFailures.SECRET_NOT_FOUND, e.getMessage());
    } catch (IOException e) {
      throw StoreFailures.of(StoreFailures.INITIALISING, e.getMessage());
    }
    GitRepository repository = repository(store);
    try {
      repository.fetch(auth);
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw StoreFailures.of(StoreFailures.INITIALISING,
          "unable to clone repository " + store.url() + ": " + StoreFailures.rootMessage(e));
    }
    try {
      repository.probePush(auth);
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw StoreFailures.of(StoreFailures.PERMISSIONS,
          "write permission validation failed for " + store.url() + ": " + StoreFailures.rootMessage(e));
    }
  }

  private GitAuth auth(GitStateStore store) throws IOException {
    return GitAuth.of(store, secrets, Files.createDirectories(cacheDir.resolve("ssh")));
  }

  private GitRepository repository(GitStateStore store) {
    String key = store.url() + "#" + store.branch();
    return repositories.computeIfAbsent(key, k -> new GitRepository(store.url(), store.branch(),
        cacheDir.resolve(Hashing.md5(k).substring(0, 16))));
  }
}
