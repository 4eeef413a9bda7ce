package dev.kratixtemporal.model.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Synthetic requests a provisioning SLO asks for, so that a quiet Promise is still measured (docs/slos.md,
 * "Canaries"): every {@code interval} one request of the Promise with this {@code spec}, deleted once Reconciled or
 * after {@code timeout}.
 *
 * @param destinationSelector labels the canary carries as its kratix.io/destination-selector annotation; empty when
 *     none was written
 */
public record Canary(Duration interval, Duration timeout, ObjectNode spec, Map<String, String> destinationSelector) {
  /** Where canaries are applied. */
  public static final String NAMESPACE = "kratix-canaries";
  public static final String LABEL = "kratix.io/canary";
  /** The SLO a canary measures. */
  public static final String SLO_LABEL = "kratix.io/slo";
  public static final String SELECTOR_ANNOTATION = "kratix.io/destination-selector";

  public Canary {
    destinationSelector = destinationSelector == null ? Map.of() : Map.copyOf(destinationSelector);
  }

  static Canary parse(JsonNode canary, String path) {
    Fields.object(canary, path);
    Fields.onlyKnown(canary, path, Set.of("interval", "timeout", "spec", "destinationSelector"), Map.of());
    Duration interval = SloDuration.parse(Fields.text(canary.get("interval"), path + ".interval"), path + ".interval");
    Duration timeout = SloDuration.parse(Fields.text(canary.get("timeout"), path + ".timeout"), path + ".timeout");
    ObjectNode spec = (ObjectNode) Fields.object(canary.get("spec"), path + ".spec");
    Map<String, String> selector = new TreeMap<>();
    if (!Fields.absent(canary.get("destinationSelector"))) {
      JsonNode s = Fields.object(canary.get("destinationSelector"), path + ".destinationSelector");
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          throw new InvalidDocumentException(path + ".destinationSelector." + e.getKey(), "must be a string");
        }
        selector.put(e.getKey(), e.getValue().asText());
      }
    }
    return new Canary(interval, timeout, spec.deepCopy(), selector);
  }

  /** A canary waits for Reconciled at least as long as the SLO's threshold, or it could never be counted good. */
  void checkTimeout(Duration within, String path) {
    if (timeout.compareTo(within) < 0) {
      throw new InvalidDocumentException(path + ".timeout",
          "must be at least within (" + within + "), got " + timeout);
    }
  }

  /** The selector as the annotation's value: {@code key=value} pairs, sorted, comma-separated. */
  public String selectorText() {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(destinationSelector).forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }

  /**
   * The request a canary applies: of the Promise's kind, in {@link #NAMESPACE}, labelled {@code kratix.io/canary:
   * "true"} (and with its SLO), the selector as an annotation a pipeline can turn into destination-selectors.yaml.
   */
  public ObjectNode request(String apiVersion, String kind, String name, String slo) {
    ObjectNode doc = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    doc.put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = doc.putObject("metadata");
    metadata.put("name", name).put("namespace", NAMESPACE);
    metadata.putObject("labels").put(LABEL, "true").put(SLO_LABEL, slo);
    if (!destinationSelector.isEmpty()) metadata.putObject("annotations").put(SELECTOR_ANNOTATION, selectorText());
    doc.set("spec", spec.deepCopy());
    return doc;
  }
}
