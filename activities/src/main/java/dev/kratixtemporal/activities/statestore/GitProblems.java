package dev.kratixtemporal.activities.statestore;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/** What a failed Git operation says about the remote and about our clone. */
final class GitProblems {
  private static final Pattern LOCK = Pattern.compile("(?i)\\b(cannot|could not|unable to) lock\\b");

  private GitProblems() {}

  /** The remote answered, and said no (branch missing, push rejected): nothing wrong with the clone. */
  static final class RemoteRefusal extends IOException {
    RemoteRefusal(String message) {
      super(message);
    }
  }

  private static final Pattern AUTH = Pattern.compile(
      "(?i)not authorized|authentication is required|auth fail|authentication failed|no more authentication methods|\\(publickey");
  private static final Pattern DENIED = Pattern.compile("(?i)\\b403\\b|forbidden|access denied|permission denied|not permitted");
  private static final Pattern NO_REPOSITORY = Pattern.compile(
      "(?i)repository not found|not found: |does not appear to be a git repository|no such repository|invalid remote|not a git repository|\\b404\\b");

  /**
   * Why a write failed, when retrying cannot fix it (the remote said no: bad credentials, no access, no such
   * repository or branch): a {@link StoreFailures} type, else null. A remote that did not answer is never one.
   */
  static String permanent(Throwable e) {
    if (unreachable(e)) return null;
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof RemoteRefusal r && r.getMessage().startsWith("branch ")) return StoreFailures.BRANCH_NOT_FOUND;
    }
    if (!fromRemote(e)) return null;
    for (Throwable t = e; t != null; t = next(t)) {
      String m = t.getMessage();
      if (m == null) continue;
      if (AUTH.matcher(m).find()) return StoreFailures.AUTHENTICATION;
      if (DENIED.matcher(m).find()) return StoreFailures.ACCESS_DENIED;
      if (NO_REPOSITORY.matcher(m).find()) return StoreFailures.REPOSITORY_NOT_FOUND;
    }
    return null;
  }

  /** The remote did not answer at all: refused, timed out, unknown host. */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("Connection refused") || m.contains("connect timed out") || m.contains("Read timed out")
          || m.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The clone cannot be used as it is: a lock left by a killed write, missing objects, a damaged .git. Anything that
   * is not the remote's doing counts, since the clone holds nothing the remote has not got: cloning again is safe.
   */
  static boolean brokenClone(Throwable e) {
    if (e instanceof ApplicationFailure) return false;
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof LockFailedException || t instanceof MissingObjectException || t instanceof CorruptObjectException
          || t instanceof RepositoryNotFoundException || t instanceof NoWorkTreeException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("Unknown repository format") || m.contains(".lock") || LOCK.matcher(m).find())) {
        return true;
      }
    }
    return !fromRemote(e);
  }

  private static boolean fromRemote(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof RemoteRefusal || t instanceof org.eclipse.jgit.errors.TransportException
          || t instanceof org.eclipse.jgit.api.errors.TransportException || t instanceof InvalidRemoteException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }
}
