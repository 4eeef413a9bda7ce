package dev.kratixtemporal.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.api.LiveWorkflows;
import dev.kratixtemporal.api.listing.ListScope;
import dev.kratixtemporal.api.listing.ObjectLister;
import dev.kratixtemporal.api.slo.OpenSloStore;
import dev.kratixtemporal.api.slo.PrometheusRules;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * SLOs and SLIs (docs/slos.md): SLOs are listed from visibility like other objects and read from their workflows'
 * status; SLIs are the documents kept as applied. Both are applied through {@code POST /api/v1/apply}.
 */
@RestController
@RequestMapping("/api/v1")
public class SlosController {
  private final WorkflowClient client;
  private final ObjectLister lister;
  private final OpenSloStore store;

  public SlosController(WorkflowClient client, ObjectLister lister, OpenSloStore store) {
    this.client = client;
    this.lister = lister;
    this.store = store;
  }

  /** One line per SLO, from its status: what a dashboard shows. */
  @GetMapping("/slos")
  public List<ObjectNode> slos() {
    return lister.list(ListScope.slos()).stream().map(SlosController::summary).toList();
  }

  /** The document as applied, with a {@code status} from its workflow. */
  @GetMapping("/slos/{name}")
  public ObjectNode slo(@PathVariable String name) {
    ObjectNode status = status(name);
    ObjectNode doc = store.get(OpenSloStore.Kind.SLO, name);
    if (doc == null) {
      // Applied through another API process: the workflow still knows its numbers.
      doc = Docs.newObject().put("apiVersion", "openslo/v1").put("kind", "SLO");
      doc.putObject("metadata").put("name", name);
    }
    doc.set("status", status);
    return doc;
  }

  @DeleteMapping("/slos/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteSlo(@PathVariable String name) {
    String id = WorkflowIds.slo(name);
    boolean running = LiveWorkflows.isRunning(client, id);
    if (running) client.newUntypedWorkflowStub(id).signal("delete");
    // A document whose workflow has ended some other way goes too.
    requireKnown(store.delete(OpenSloStore.Kind.SLO, name) || running, "SLO", name);
    return Map.of("workflowId", id, "signal", "delete");
  }

  /** Recording and alerting rules for Prometheus, over the counters of /actuator/prometheus. */
  @GetMapping(value = "/slos/{name}/prometheus-rules", produces = "application/yaml")
  public String prometheusRules(@PathVariable String name) {
    ObjectNode status = status(name);
    return PrometheusRules.of(name, status.path("promise").asText(), status.path("objective").asDouble());
  }

  @GetMapping("/slis")
  public List<ObjectNode> slis() {
    return store.list(OpenSloStore.Kind.SLI);
  }

  @GetMapping("/slis/{name}")
  public ObjectNode sli(@PathVariable String name) {
    ObjectNode doc = store.get(OpenSloStore.Kind.SLI, name);
    requireKnown(doc != null, "SLI", name);
    return doc;
  }

  /** Refused while an SLO names it: that SLO could not be applied again as written. */
  @DeleteMapping("/slis/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void deleteSli(@PathVariable String name) {
    requireKnown(store.get(OpenSloStore.Kind.SLI, name) != null, "SLI", name);
    List<String> naming = store.list(OpenSloStore.Kind.SLO).stream()
        .filter(slo -> name.equals(slo.path("spec").path("indicatorRef").asText())).map(Docs::name).toList();
    if (!naming.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "SLI " + name + " is named by SLO "
          + String.join(", ", naming) + " (spec.indicatorRef): delete those SLOs or change their indicator first");
    }
    store.delete(OpenSloStore.Kind.SLI, name);
  }

  private ObjectNode status(String name) {
    String id = WorkflowIds.slo(name);
    requireKnown(LiveWorkflows.isRunning(client, id), "SLO", name);
    return client.newUntypedWorkflowStub(id).query("status", ObjectNode.class);
  }

  static ObjectNode summary(JsonNode status) {
    ObjectNode s = KratixYaml.JSON.createObjectNode();
    for (String f : new String[] {"name", "promise", "indicator", "objective", "sli", "errorBudgetRemaining",
        "alertState"}) {
      s.set(f, status.get(f));
    }
    return s;
  }

  private static void requireKnown(boolean known, String kind, String name) {
    if (!known) throw new ResponseStatusException(HttpStatus.NOT_FOUND, kind + " " + name + " not found");
  }
}
