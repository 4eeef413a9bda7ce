package dev.kratixtemporal.activities.statestore;

import io.temporal.failure.ApplicationFailure;

/**
 * Failures that retrying cannot fix, typed so the workflows show them as they are. Readiness failures carry
 * Kratix's condition reasons (Kratix docs: BucketStateStore); the store's workflow checks again later.
 */
final class StoreFailures {
  static final String SECRET_NOT_FOUND = "SecretNotFound";
  static final String INITIALISING = "ErrorInitialisingWriter";
  static final String PERMISSIONS = "ErrorValidatingPermissions";
  /** The remote did not answer (refused, timed out, unknown host): the store is down, not misconfigured. */
  static final String UNREACHABLE = "StateStoreUnreachable";
  /** A path normalises outside the store's path or names a .git folder. */
  static final String PATH_OUTSIDE_STORE = "StatePathOutsideStore";
  /** A path goes through a symbolic link committed in the store: following it would write outside the clone. */
  static final String LINK_IN_STORE = "StatePathThroughLink";

  /** A write that retrying cannot fix (docs/store-writes.md): the store said no, or its Secret is missing. */
  static final String AUTHENTICATION = "StoreAuthenticationFailed";
  static final String BRANCH_NOT_FOUND = "StoreBranchNotFound";
  static final String REPOSITORY_NOT_FOUND = "StoreRepositoryNotFound";
  static final String BUCKET_NOT_FOUND = "BucketNotFound";
  static final String ACCESS_DENIED = "StoreAccessDenied";

  private StoreFailures() {}

  static ApplicationFailure of(String reason, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, reason);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
