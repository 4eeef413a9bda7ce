package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.ReadyDestinations;
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
  /** What each Destination last reported, by name. */
  public Map<String, DestinationReport> destinationReports = new TreeMap<>();
  /** What each store last reported, by "Kind/name". */
  public Map<String, StoreReport> storeReports = new TreeMap<>();
  /** The Destinations work can go to now; its version grows with every change. */
  public ReadyDestinations ready = ReadyDestinations.NONE;

  /** Recomputes the ready Destinations from the reports: true when they changed (and the version grew). */
  boolean refreshReady() {
    List<DestinationState> now = new ArrayList<>();
    for (DestinationReport d : destinationReports.values()) {
      StoreReport store = storeReports.get(d.destination().stateStoreRef().toString());
      if (d.ready() && store != null && store.ready()) now.add(new DestinationState(d.destination(), store.store()));
    }
    if (now.equals(ready.destinations())) return false;
    ready = new ReadyDestinations(ready.version() + 1, now);
    return true;
  }

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
