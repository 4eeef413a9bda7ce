package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A request's status.healthStatus and its HealthChecksSucceeded condition from its HealthRecords: the worst state
 * wins (Kratix docs: HealthRecords); records listed by namespace, then name (docs/health-checks.md).
 */
public final class Health {
  /** Worst first. */
  public static final List<String> STATES = List.of("unhealthy", "degraded", "unknown", "healthy", "ready");
  public static final String CONDITION = "HealthChecksSucceeded";

  private static final Comparator<JsonNode> BY_SOURCE = Comparator.comparing((JsonNode r) -> Docs.namespace(r))
      .thenComparing(Docs::name);

  private Health() {}

  /** Every record counts: what a request without HealthDefinitions shows. */
  public static ObjectNode healthStatus(Collection<? extends JsonNode> records) {
    return healthStatus(records, null, 0);
  }

  /**
   * @param promiseVersion the request's status.promiseVersion: a record made for another version of the Promise is
   *     listed but does not count; null counts every record. A record without data.promiseVersion (applied by
   *     someone) always counts.
   * @param definitions how many HealthDefinitions check the request: with some and no record counting, the state is
   *     unknown (the checks have not reported for this version yet)
   */
  public static ObjectNode healthStatus(Collection<? extends JsonNode> records, String promiseVersion, int definitions) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String worst = "ready";
    int counted = 0;
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (JsonNode record : records.stream().sorted(BY_SOURCE).toList()) {
      JsonNode data = record.path("data");
      String state = data.path("state").asText("unknown");
      if (counts(record, promiseVersion)) {
        counted++;
        if (STATES.indexOf(state) < STATES.indexOf(worst)) worst = state;
      }
      ObjectNode entry = list.addObject().put("state", state);
      if (data.has("lastRun")) entry.set("lastRun", data.get("lastRun"));
      if (data.has("details")) entry.set("details", data.get("details"));
      if (data.has("promiseVersion")) entry.set("promiseVersion", data.get("promiseVersion"));
      entry.putObject("source").put("name", Docs.name(record)).put("namespace", Docs.namespace(record));
    }
    if (definitions > 0 && counted == 0) worst = "unknown";
    out.put("state", worst);
    out.set("healthRecords", list);
    return out;
  }

  /** HealthChecksSucceeded: status, reason and message, as Kratix names them. */
  public record Verdict(String status, String reason, String message) {}

  public static Verdict verdict(Collection<? extends JsonNode> records, String promiseVersion, int definitions) {
    List<? extends JsonNode> counted = records.stream().filter(r -> counts(r, promiseVersion)).toList();
    if (definitions == 0 && records.isEmpty()) return new Verdict("True", "NoHealthChecks", "No health checks defined");
    if (counted.isEmpty()) {
      return new Verdict("Unknown", "WaitingForRecords", "Waiting for health records"
          + (promiseVersion == null || promiseVersion.isEmpty() ? "" : " of Promise version " + promiseVersion));
    }
    List<String> unhealthy = names(counted, "unhealthy");
    if (!unhealthy.isEmpty()) return new Verdict("False", "Unhealthy", "Unhealthy health records: " + unhealthy);
    List<String> degraded = names(counted, "degraded");
    if (!degraded.isEmpty()) return new Verdict("False", "Degraded", "Degraded health records: " + degraded);
    List<String> unknown = names(counted, "unknown");
    if (!unknown.isEmpty()) return new Verdict("Unknown", "WaitingForRecords", "Health records of unknown state: " + unknown);
    return new Verdict("True", "AllRecordsHealthy", "All health records are healthy");
  }

  private static List<String> names(List<? extends JsonNode> records, String state) {
    return records.stream().filter(r -> state.equals(r.path("data").path("state").asText("unknown")))
        .sorted(BY_SOURCE).map(r -> Docs.namespace(r) + "/" + Docs.name(r)).toList();
  }

  private static boolean counts(JsonNode record, String promiseVersion) {
    JsonNode v = record.path("data").path("promiseVersion");
    return promiseVersion == null || v.isMissingNode() || v.isNull() || v.asText().equals(promiseVersion);
  }

  /**
   * The HealthRecord of one scheduled run: named after its HealthDefinition.
   *
   * @param state the pipeline's health.yaml state (unknown when it wrote none, or one not among {@link #STATES})
   * @param details health.yaml's details, or why the run failed; may be null
   */
  public static ObjectNode record(String definitionName, String definitionNamespace, String promise, String requestName,
      String requestNamespace, String state, JsonNode details, long lastRunSeconds, String promiseVersion) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("apiVersion", "platform.kratix.io/v1alpha1").put("kind", "HealthRecord");
    r.putObject("metadata").put("name", definitionName).put("namespace", definitionNamespace);
    ObjectNode data = r.putObject("data");
    data.putObject("promiseRef").put("name", promise);
    data.putObject("resourceRef").put("name", requestName).put("namespace", requestNamespace);
    data.put("state", STATES.contains(state) ? state : "unknown");
    data.put("lastRun", lastRunSeconds);
    if (details != null && !details.isNull() && !details.isMissingNode()) data.set("details", details);
    data.put("promiseVersion", promiseVersion);
    return r;
  }
}
