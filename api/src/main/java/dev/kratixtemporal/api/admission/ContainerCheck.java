package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.ImageReference;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Iterator;
import java.util.Set;

/**
 * A pipeline container against the shape of a Kubernetes Container: every field of the type Kubernetes declares,
 * so nothing is coerced on its way to the container runtime.
 */
final class ContainerCheck {
  private static final Set<String> ENV_FIELDS = Set.of("name", "value", "valueFrom");
  private static final Set<String> PULL_POLICIES = Set.of("Always", "Never", "IfNotPresent");

  private ContainerCheck() {}

  static void check(JsonNode container, String at) {
    if (!container.isObject()) throw new InvalidDocumentException(at, "must be a container object");
    JsonNode name = container.get("name");
    if (name != null) KubernetesNames.requireLabel(at + ".name", text(name, at + ".name"));
    JsonNode image = container.get("image");
    if (image == null) throw new InvalidDocumentException(at + ".image", "is required");
    String reference = text(image, at + ".image");
    if (!ImageReference.isValid(reference)) {
      throw new InvalidDocumentException(at + ".image", "must be an image reference "
          + "[registry[:port]/]path[:tag][@digest] with a lower-case path, got " + Quoted.of(reference));
    }
    strings(container.get("command"), at + ".command");
    strings(container.get("args"), at + ".args");
    env(container.get("env"), at + ".env");
    objects(container.get("envFrom"), at + ".envFrom");
    volumeMounts(container.get("volumeMounts"), at + ".volumeMounts");
    JsonNode policy = container.get("imagePullPolicy");
    if (policy != null && !PULL_POLICIES.contains(text(policy, at + ".imagePullPolicy"))) {
      throw new InvalidDocumentException(at + ".imagePullPolicy", "must be one of " + PULL_POLICIES);
    }
    object(container.get("securityContext"), at + ".securityContext");
    object(container.get("resources"), at + ".resources");
  }

  private static void env(JsonNode env, String at) {
    if (env == null || env.isNull()) return;
    if (!env.isArray()) throw new InvalidDocumentException(at, "must be a list of {name, value} or {name, valueFrom}");
    for (int i = 0; i < env.size(); i++) {
      String item = at + "[" + i + "]";
      JsonNode var = env.get(i);
      if (!var.isObject()) throw new InvalidDocumentException(item, "must be an object {name, value}");
      for (Iterator<String> it = var.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!ENV_FIELDS.contains(f)) throw new InvalidDocumentException(item + "." + f, "unknown field \"" + f + "\"");
      }
      JsonNode name = var.get("name");
      if (name == null) throw new InvalidDocumentException(item + ".name", "is required");
      String n = text(name, item + ".name");
      if (!KubernetesNames.isEnvVarName(n)) {
        throw new InvalidDocumentException(item + ".name", "must be letters, digits, '_', '-' and '.', "
            + "not starting with a digit, got " + Quoted.of(n));
      }
      JsonNode value = var.get("value");
      if (value != null && !value.isNull()) text(value, item + ".value");
      object(var.get("valueFrom"), item + ".valueFrom");
      if (value != null && var.get("valueFrom") != null) {
        throw new InvalidDocumentException(item + ".valueFrom", "may not be set together with value");
      }
    }
  }

  private static void volumeMounts(JsonNode mounts, String at) {
    objects(mounts, at);
    if (mounts == null || mounts.isNull()) return;
    for (int i = 0; i < mounts.size(); i++) {
      for (String f : new String[] {"name", "mountPath"}) {
        JsonNode v = mounts.get(i).get(f);
        if (v == null) throw new InvalidDocumentException(at + "[" + i + "]." + f, "is required");
        text(v, at + "[" + i + "]." + f);
      }
    }
  }

  private static String text(JsonNode node, String at) {
    if (!node.isTextual()) throw new InvalidDocumentException(at, "must be a string");
    return node.asText();
  }

  private static void strings(JsonNode list, String at) {
    if (list == null || list.isNull()) return;
    if (!list.isArray()) throw new InvalidDocumentException(at, "must be a list of strings");
    for (int i = 0; i < list.size(); i++) text(list.get(i), at + "[" + i + "]");
  }

  private static void objects(JsonNode list, String at) {
    if (list == null || list.isNull()) return;
    if (!list.isArray()) throw new InvalidDocumentException(at, "must be a list of objects");
    for (int i = 0; i < list.size(); i++) object(list.get(i), at + "[" + i + "]");
  }

  private static void object(JsonNode node, String at) {
    if (node != null && !node.isNull() && !node.isObject()) throw new InvalidDocumentException(at, "must be an object");
  }
}
