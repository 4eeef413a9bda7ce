package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.GitStateStore;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cached bare clone of a (repository, branch), written by one thread at a time, concurrent writes grouped into
 * one commit. Every write fetches and builds its commit on the remote's tip, so a commit pushed by someone else never
 * blocks us; a rejected push fetches and tries again. Kratix does not rebase, and neither do we. The clone holds
 * nothing the remote has not got, so a clone that cannot be used is deleted and made again. Nothing is checked out:
 * a link in the tree is data, never a path on disk (docs/store-writes.md).
 */
final class GitRepository {
  private static final Logger log = LoggerFactory.getLogger(GitRepository.class);
  private static final int PUSH_ATTEMPTS = 5;
  private static final int MAX_BATCH = 200;
  static final int TRANSPORT_TIMEOUT_SECONDS = 30;

  private final List<Pending> queue = new ArrayList<>();

  static {
    // git:// reads get a socket read timeout too (http and ssh have theirs from JGit).
    GitDaemonTransport.register();
  }

  private final String url;
  private final String branch;
  private final Path dir;
  private final int timeoutSeconds;

  GitRepository(String url, String branch, Path dir, int timeoutSeconds) {
    this.url = url;
    this.branch = branch;
    this.dir = dir;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Applies the change; returns the commit holding it. Changes that arrive while a write is in flight are
   * grouped: the next writer applies all of them with one fetch, one commit and one push. A change with an unsafe
   * path fails alone, before anything of it is written.
   */
  String write(GitStateStore store, StoreChange change, BlobTexts contents, GitAuth auth) throws IOException, GitAPIException {
    StoreChanges.checkPaths(store.path(), change);
    Pending mine = new Pending(store, change, contents, auth, new CompletableFuture<>());
    synchronized (queue) {
      queue.add(mine);
    }
    synchronized (this) {
      if (!mine.result().isDone()) {
        List<Pending> batch = takeBatch();
        try {
          String commit = repairingOnce(() -> writeBatch(batch));
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
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  private record Pending(GitStateStore store, StoreChange change, BlobTexts contents, GitAuth auth,
      CompletableFuture<String> result) {}

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

  /**
   * Commits and pushes the changes still waiting (a repaired clone runs this again for them). The commit is built
   * from the object database alone: the remote's tree edited in memory, only the folders on the changed paths read
   * and stored again, and the commit pushed. No work tree is checked out, reset or walked, so a commit costs what it
   * changes, not what the store holds.
   */
  private String writeBatch(List<Pending> batch) throws IOException, GitAPIException {
    List<Pending> live = new ArrayList<>(batch.stream().filter(p -> !p.result().isDone()).toList());
    GitStateStore store = batch.get(0).store();
    GitAuth auth = batch.get(batch.size() - 1).auth();
    try (Git git = open(); RevWalk commits = new RevWalk(git.getRepository());
        ObjectInserter inserter = git.getRepository().newObjectInserter()) {
      for (int attempt = 1; ; ) {
        RevCommit remote = commits.parseCommit(fetch(git, auth).getObjectId());
        GitTreeFiles files = GitTreeFiles.of(commits.getObjectReader(), inserter, remote.getTree());
        if (!applyAll(files, live)) continue;
        if (live.isEmpty() || !files.changed()) return remote.name();
        ObjectId tree = files.writeTree();
        if (tree.equals(remote.getTree())) return remote.name();
        PersonIdent who = new PersonIdent(store.authorName(), store.authorEmail());
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentId(remote);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(live.stream().map(p -> p.change().message()).distinct().collect(Collectors.joining("\n")));
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        if (push(git, auth, id)) {
          maintain(git);
          return id.name();
        }
        if (attempt >= PUSH_ATTEMPTS) throw new GitProblems.RemoteRefusal("push to " + url + " rejected " + attempt + " times");
        log.info("push to {} rejected; fetching again (attempt {})", url, attempt);
        attempt++;
      }
    }
  }

  /**
   * JGit's automatic gc, in this thread (the clone is ours alone while we hold it): each commit leaves its objects
   * loose, and past gc.auto of them they are packed. A failed gc loses nothing and is tried at a later write.
   */
  private void maintain(Git git) {
    try {
      git.getRepository().autoGC(NullProgressMonitor.INSTANCE);
    } catch (RuntimeException e) {
      log.warn("gc of the clone of {} in {} failed: {}", url, dir, StoreFailures.rootMessage(e));
    }
  }

  /** Applies every change; false when one was refused (a path through a link): it fails alone and is dropped. */
  private static boolean applyAll(GitTreeFiles files, List<Pending> live) throws IOException {
    for (Pending p : live) {
      try {
        StoreChanges.apply(files, p.store().path(), p.change(), p.contents());
      } catch (ApplicationFailure refused) {
        p.result().completeExceptionally(refused);
        live.remove(p);
        return false;
      }
    }
    return true;
  }

  /** Every file under the directory as the remote has it now, by path from the repository root. */
  synchronized Map<String, String> snapshot(GitAuth auth, String directory) throws IOException, GitAPIException {
    return repairingOnce(() -> {
      try (Git git = open(); RevWalk commits = new RevWalk(git.getRepository());
          ObjectInserter inserter = git.getRepository().newObjectInserter()) {
        RevCommit remote = commits.parseCommit(fetch(git, auth).getObjectId());
        return GitTreeFiles.of(commits.getObjectReader(), inserter, remote.getTree()).contents(directory);
      }
    });
  }

  /**
   * Fetches, failing with a clear message when the repository cannot be reached; returns the symbolic links the
   * branch holds under the directory, which writes will refuse to go through.
   */
  synchronized Set<String> fetchLinks(GitAuth auth, String directory) throws IOException, GitAPIException {
    return repairingOnce(() -> {
      try (Git git = open()) {
        return links(git.getRepository(), fetch(git, auth).getObjectId(), directory);
      }
    });
  }

  /**
   * Kratix's permission probe: a push of the branch as it is. It changes nothing, but the server asks for push
   * rights all the same.
   */
  synchronized void probePush(GitAuth auth) throws IOException, GitAPIException {
    repairingOnce(() -> {
      try (Git git = open()) {
        Ref remote = fetch(git, auth);
        var push = transport(git.push().setRemote("origin")
            .setRefSpecs(new RefSpec(remote.getObjectId().name() + ":refs/heads/" + branch)), auth);
        for (PushResult r : push.call()) {
          for (RemoteRefUpdate u : r.getRemoteUpdates()) {
            if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
              throw new GitProblems.RemoteRefusal("push " + u.getStatus() + (u.getMessage() == null ? "" : ": " + u.getMessage()));
            }
          }
        }
        return null;
      }
    });
  }

  private interface GitWork<T> {
    T run() throws IOException, GitAPIException;
  }

  /**
   * Runs the work on the clone; when the clone turns out unusable (a lock left by a killed write, missing objects,
   * a damaged .git), deletes it, clones again and runs the work once more. Every use of the clone holds this
   * object's monitor, so a lock file found here belongs to no write in flight.
   */
  private <T> T repairingOnce(GitWork<T> work) throws IOException, GitAPIException {
    for (String lock : staleLocks()) {
      if (Files.exists(dir.resolve(lock), LinkOption.NOFOLLOW_LINKS)) {
        log.warn("clone of {} in {} holds a stale {}; cloning again", url, dir, lock);
        discardClone();
        break;
      }
    }
    try {
      return work.run();
    } catch (IOException | GitAPIException | RuntimeException e) {
      if (!GitProblems.brokenClone(e)) throw e;
      log.warn("clone of {} in {} is unusable ({}); cloning again", url, dir, StoreFailures.rootMessage(e));
      discardClone();
      return work.run();
    }
  }

  private List<String> staleLocks() {
    return List.of("HEAD.lock", "config.lock", "packed-refs.lock", "refs/remotes/origin/" + branch + ".lock");
  }

  /** Deletes the clone without following any link in it. */
  private void discardClone() throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) throw e;
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private Git open() throws IOException, GitAPIException {
    // A clone made by an older version has a work tree: ours are bare now.
    if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) discardClone();
    if (Files.exists(dir.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)) return Git.open(dir.toFile());
    Files.createDirectories(dir);
    Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(branch).call();
    try {
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
      config.setString(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE, "now");
      config.save();
      git.remoteAdd().setName("origin").setUri(new URIish(toUri(url))).call();
    } catch (java.net.URISyntaxException e) {
      git.close();
      throw new IOException("invalid repository URL " + url, e);
    }
    return git;
  }

  /** Fetches the branch; Kratix, too, needs the branch to exist. */
  private Ref fetch(Git git, GitAuth auth) throws IOException, GitAPIException {
    var lsRemote = transport(git.lsRemote().setRemote("origin").setHeads(true), auth);
    boolean exists = lsRemote.call().stream().anyMatch(r -> r.getName().equals("refs/heads/" + branch));
    if (!exists) throw new GitProblems.RemoteRefusal("branch " + branch + " not found in " + url);
    transport(git.fetch().setRemote("origin")
        .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch)), auth).call();
    return git.getRepository().exactRef("refs/remotes/origin/" + branch);
  }

  private boolean push(Git git, GitAuth auth, ObjectId commit) throws GitAPIException {
    var push = transport(git.push().setRemote("origin")
        .setRefSpecs(new RefSpec(commit.name() + ":refs/heads/" + branch)), auth);
    for (PushResult r : push.call()) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Credentials, and timeouts so a remote that hangs cannot hold a write (and this clone) forever: JGit uses the
   * command's timeout to connect and to read over http(s) (the connection's connect and read timeouts), ssh (the
   * session's connect and auth timeouts, and reads through its timeout stream) and git:// (GitDaemonTransport:
   * connect and socket read timeouts).
   */
  private <C extends TransportCommand<C, ?>> C transport(C command, GitAuth auth) {
    auth.configure(command);
    return command.setTimeout(timeoutSeconds);
  }

  /** The paths the commit holds as symbolic links, under the directory ("" for all). */
  private static Set<String> links(Repository repository, ObjectId commit, String directory) throws IOException {
    Set<String> links = new TreeSet<>();
    try (RevWalk commits = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(commits.parseCommit(commit).getTree());
      walk.setRecursive(true);
      if (!directory.isEmpty()) walk.setFilter(PathFilter.create(directory));
      while (walk.next()) {
        if (walk.getFileMode(0) == FileMode.SYMLINK) links.add(walk.getPathString());
      }
    }
    return links;
  }

  /** A plain path is a local repository. */
  private static String toUri(String url) {
    return url.contains("://") || url.contains("@") ? url : Path.of(url).toAbsolutePath().toUri().toString();
  }
}
