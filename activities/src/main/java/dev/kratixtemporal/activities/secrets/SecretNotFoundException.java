package dev.kratixtemporal.activities.secrets;

/** A Secret, or a key in it, that a store needs and that is not there. */
public class SecretNotFoundException extends RuntimeException {
  public SecretNotFoundException(String message) {
    super(message);
  }
}
