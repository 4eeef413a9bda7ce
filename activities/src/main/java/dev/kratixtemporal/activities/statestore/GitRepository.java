package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.GitStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cached clone of a (repository, branch), written by one thread at a time, concurrent writes grouped into one commit. Every write fetches and
 * hard-resets to the remote first, so a commit pushed by someone else never blocks us; a rejected push re-syncs
 * and tries again. Kratix does not rebase, and neither do we.
 */
final class GitRepository {
  private static final Logger log = LoggerFactory.getLogger(GitRepository.class);
  private static final int PUSH_ATTEMPTS = 5;
  private static final int MAX_BATCH = 200;

  private final List<Pending> queue = new ArrayList<>();

  private final String url;
  private final String branch;
  private final Path dir;

  GitRepository(String url, String branch, Path dir) {
    this.url = url;
    this.branch = branch;
    this.dir = dir;
  }

  /**
   * Applies the change; returns the commit holding it. Changes that arrive while a write is in flight are
   * grouped: the next writer applies all of them with one fetch, one commit and one push.
   */
  String write(GitStateStore store, StoreChange change, GitAuth auth) throws IOException, GitAPIException {
    Pending mine = new Pending(store, change, auth, new CompletableFuture<>());
    synchronized (queue) {
      queue.add(mine);
    }
    synchronized (this) {
      if (!mine.result().isDone()) {
        List<Pending> batch = takeBatch();
        try {
          String commit = writeBatch(batch);
          batch.forEach(p -> p.result().complete(commit));
        } catch (IOException | GitAPIException | RuntimeException e) {
          batch.forEach(p -> p.result().completeExceptionally(e));
        }
      }
    }
    try {
      return mine.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof GitAPIException git) throw git;
      throw e;
    }
  }

  private record Pending(GitStateStore store, StoreChange change, GitAuth auth, CompletableFuture<String> result) {}

  /** Everything queued with the same author as the oldest change (a commit has one author). */
  private List<Pending> takeBatch() {
    synchronized (queue) {
      GitStateStore first = queue.get(0).store();
      List<Pending> batch = new ArrayList<>();
      for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
        Pending p = it.next();
        if (p.store().authorName().equals(first.authorName()) && p.store().authorEmail().equals(first.authorEmail())) {
          batch.add(p);
          it.remove();
        }
      }
      return batch;
    }
  }

  private String writeBatch(List<Pending> batch) throws IOException, GitAPIException {
    GitStateStore store = batch.get(0).store();
    GitAuth auth = batch.get(batch.size() - 1).auth();
    String message = batch.stream().map(p -> p.change().message()).distinct().collect(Collectors.joining("\n"));
    try (Git git = open()) {
      for (int attempt = 1; ; attempt++) {
        syncToRemote(git, auth);
        for (Pending p : batch) StoreChanges.apply(new WorkTreeFiles(dir), p.store().path(), p.change());
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        if (git.status().call().isClean()) return head(git);
        PersonIdent who = new PersonIdent(store.authorName(), store.authorEmail());
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        if (push(git, auth)) return head(git);
        if (attempt >= PUSH_ATTEMPTS) throw new IOException("push to " + url + " rejected " + attempt + " times");
        log.info("push to {} rejected; re-syncing (attempt {})", url, attempt);
      }
    }
  }

  /** Every file under the directory as the remote has it now, by path from the repository root. */
  synchronized Map<String, String> snapshot(GitAuth auth, String directory) throws IOException, GitAPIException {
    Map<String, String> files = new TreeMap<>();
    try (Git git = open()) {
      syncToRemote(git, auth);
    }
    Path root = directory.isEmpty() ? dir : dir.resolve(directory).normalize();
    if (!root.startsWith(dir) || !Files.isDirectory(root)) return files;
    try (var walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = dir.relativize(p).toString();
        if (!relative.startsWith(".git/")) files.put(relative, Files.readString(p));
      }
    }
    return files;
  }

  /** Fetches; fails with a clear message when the repository cannot be reached. */
  synchronized void fetch(GitAuth auth) throws IOException, GitAPIException {
    try (Git git = open()) {
      fetch(git, auth);
    }
  }

  /**
   * Kratix's permission probe: a push of the branch as it is. It changes nothing, but the server asks for push
   * rights all the same.
   */
  synchronized void probePush(GitAuth auth) throws IOException, GitAPIException {
    try (Git git = open()) {
      Ref remote = fetch(git, auth);
      var push = git.push().setRemote("origin")
          .setRefSpecs(new RefSpec(remote.getObjectId().name() + ":refs/heads/" + branch));
      auth.configure(push);
      for (PushResult r : push.call()) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new IOException("push " + u.getStatus() + (u.getMessage() == null ? "" : ": " + u.getMessage()));
          }
        }
      }
    }
  }

  private Git open() throws IOException, GitAPIException {
    if (!Files.exists(dir.resolve(".git"))) {
      Files.createDirectories(dir);
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
      try {
        git.remoteAdd().setName("origin").setUri(new URIish(toUri(url))).call();
      } catch (java.net.URISyntaxException e) {
        git.close();
        throw new IOException("invalid repository URL " + url, e);
      }
      return git;
    }
    return Git.open(dir.toFile());
  }

  /** Fetches the branch; Kratix, too, needs the branch to exist. */
  private Ref fetch(Git git, GitAuth auth) throws IOException, GitAPIException {
    var lsRemote = git.lsRemote().setRemote("origin").setHeads(true);
    auth.configure(lsRemote);
    boolean exists = lsRemote.call().stream().anyMatch(r -> r.getName().equals("refs/heads/" + branch));
    if (!exists) throw new IOException("branch " + branch + " not found in " + url);
    var fetch = git.fetch().setRemote("origin")
        .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch));
    auth.configure(fetch);
    fetch.call();
    return git.getRepository().exactRef("refs/remotes/origin/" + branch);
  }

  /** Makes the work tree exactly the remote branch: a commit pushed by someone else wins over our clone. */
  private void syncToRemote(Git git, GitAuth auth) throws IOException, GitAPIException {
    Ref remote = fetch(git, auth);
    git.reset().setMode(ResetCommand.ResetType.HARD).setRef(remote.getObjectId().name()).call();
    git.clean().setCleanDirectories(true).setForce(true).call();
  }

  private boolean push(Git git, GitAuth auth) throws GitAPIException {
    var push = git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch));
    auth.configure(push);
    Iterable<PushResult> results = push.call();
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          return false;
        }
      }
    }
    return true;
  }

  private static String head(Git git) throws IOException {
    ObjectId id = git.getRepository().resolve("HEAD");
    return id == null ? "" : id.name();
  }

  /** A plain path is a local repository. */
  private static String toUri(String url) {
    return url.contains("://") || url.contains("@") ? url : Path.of(url).toAbsolutePath().toUri().toString();
  }
}
