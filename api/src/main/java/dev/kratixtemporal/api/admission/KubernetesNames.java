package dev.kratixtemporal.api.admission;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.regex.Pattern;

/**
 * Kubernetes' rules for names. They matter beyond style: names become paths in state stores, label values and
 * container names, so a name outside these rules could leave its folder or break a label.
 */
public final class KubernetesNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern ENV_VAR = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  public static final int LABEL_MAX = 63;
  public static final int SUBDOMAIN_MAX = 253;

  private KubernetesNames() {}

  /** DNS-1123 label: namespaces, container and pipeline names. */
  public static boolean isLabel(String s) {
    return s.length() <= LABEL_MAX && LABEL.matcher(s).matches();
  }

  /** DNS-1123 subdomain: object names. */
  public static boolean isSubdomain(String s) {
    return s.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(s).matches();
  }

  public static boolean isEnvVarName(String s) {
    return ENV_VAR.matcher(s).matches();
  }

  /** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  public static boolean isLabelKey(String s) {
    int slash = s.lastIndexOf('/');
    String name = s.substring(slash + 1);
    if (slash >= 0 && (s.indexOf('/') != slash || !isSubdomain(s.substring(0, slash)))) return false;
    return name.length() <= LABEL_MAX && LABEL_NAME.matcher(name).matches();
  }

  public static boolean isLabelValue(String s) {
    return s.isEmpty() || (s.length() <= LABEL_MAX && LABEL_NAME.matcher(s).matches());
  }

  /** A Secret data key; Kubernetes also refuses "." and "..", which would name folders if mounted. */
  public static boolean isSecretKey(String s) {
    return s.length() <= SUBDOMAIN_MAX && SECRET_KEY.matcher(s).matches() && !s.equals(".") && !s.startsWith("..");
  }

  public static void requireSubdomain(String field, String value, int max) {
    if (value.length() > max || !isSubdomain(value)) {
      throw new InvalidDocumentException(field, "must be a DNS-1123 subdomain of at most " + max
          + " characters (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit), got "
          + Quoted.of(value));
    }
  }

  public static void requireLabel(String field, String value) {
    if (!isLabel(value)) {
      throw new InvalidDocumentException(field, "must be a DNS-1123 label of at most 63 characters (lower-case "
          + "letters, digits and '-', starting and ending with a letter or digit), got " + Quoted.of(value));
    }
  }
}
