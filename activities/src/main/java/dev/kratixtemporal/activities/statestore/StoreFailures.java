package dev.kratixtemporal.activities.statestore;

import io.temporal.failure.ApplicationFailure;

/**
 * Readiness failures, typed with Kratix's condition reasons (spec 1.5) so the store's workflow shows them as they
 * are. They are not retried: the workflow checks again later.
 */
final class StoreFailures {
  static final String SECRET_NOT_FOUND = "SecretNotFound";
  static final String INITIALISING = "ErrorInitialisingWriter";
  static final String PERMISSIONS = "ErrorValidatingPermissions";

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
