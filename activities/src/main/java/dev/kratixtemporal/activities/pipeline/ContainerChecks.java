package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.ImageReference;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;

/**
 * The values of a container that a local runtime refuses before anything runs, with a message naming the container
 * and the value: the runtime's command line and the OS must take each one literally.
 */
final class ContainerChecks {
  private ContainerChecks() {}

  /** The grammar checked when a Promise is applied, checked again here: a value read as an option must never run. */
  static void image(Container c) {
    if (!ImageReference.isValid(c.image())) {
      throw new InvalidDocumentException("container " + c.name() + " has image " + quoted(c.image())
          + ", which is not an image reference");
    }
  }

  /** A name holding "=" would set another variable; control characters and NUL cannot pass through a command line. */
  static void envName(Container c, String envName) {
    boolean bad = envName == null || envName.isEmpty() || envName.contains("=");
    for (int i = 0; !bad && i < envName.length(); i++) bad = Character.isISOControl(envName.charAt(i));
    if (bad) {
      throw new InvalidDocumentException("container " + c.name() + " has env name " + quoted(envName)
          + ", which may not be empty or hold '=' or control characters");
    }
  }

  /** No process argument can hold NUL. */
  static void noNul(Container c, String what, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw new InvalidDocumentException("container " + c.name() + " has a NUL character in its " + what + ": " + quoted(value));
    }
  }

  static String quoted(String value) {
    if (value == null) return "null";
    String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
    return json(shown);
  }

  static String json(Object value) {
    try {
      return KratixYaml.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
