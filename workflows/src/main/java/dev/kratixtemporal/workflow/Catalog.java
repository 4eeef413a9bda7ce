package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.PromiseApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What exists on the platform. Mutable: it is the PlatformWorkflow's state. */
public class Catalog {
  /** Promise name to the API it serves (null for a Promise without API). */
  public Map<String, PromiseApi> promises = new TreeMap<>();
  public List<String> destinations = new ArrayList<>();
  /** "GitStateStore/name" or "BucketStateStore/name". */
  public List<String> stores = new ArrayList<>();

  /** Whether a Promise, Destination or state store of that name is registered. */
  public boolean has(String kind, String name) {
    return switch (kind) {
      case "Promise" -> promises.containsKey(name);
      case "Destination" -> destinations.contains(name);
      case "GitStateStore", "BucketStateStore" -> stores.contains(kind + "/" + name);
      default -> false;
    };
  }

  /** The Promise that serves a kind, or null. */
  public String promiseFor(String group, String kind) {
    for (Map.Entry<String, PromiseApi> e : promises.entrySet()) {
      PromiseApi api = e.getValue();
      if (api != null && api.group().equals(group) && api.kind().equals(kind)) return e.getKey();
    }
    return null;
  }
}
