package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activity.StateStoreActivities;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.GitStateStore;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.errors.GitAPIException;

/** State-store activities for Git stores, with one cached clone and one writer per (repository, branch). */
public class GitStateStoreActivities implements StateStoreActivities {
  private final Path cacheDir;
  private final ConcurrentMap<String, GitRepository> repositories = new ConcurrentHashMap<>();

  public GitStateStoreActivities(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  @Override
  public String writeState(StoreChange change) {
    try {
      return repository(change.store()).write(change.store(), change);
    } catch (IOException | GitAPIException e) {
      // Retryable: the store may come back.
      throw new IllegalStateException("writing to " + change.store().url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void checkStore(GitStateStore store) {
    try {
      repository(store).check();
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw ApplicationFailure.newFailure("unable to clone repository " + store.url() + ": " + rootMessage(e), "StateStoreError");
    }
  }

  private GitRepository repository(GitStateStore store) {
    String key = store.url() + "#" + store.branch();
    return repositories.computeIfAbsent(key, k -> new GitRepository(store.url(), store.branch(),
        cacheDir.resolve(Hashing.md5(k).substring(0, 16))));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage();
  }
}
