package dev.kratixtemporal.api.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the platform agent must do to make the platform match the files of its Destination: which documents to apply
 * (new or changed since last applied) and which to delete (applied before, gone now). Pure: no I/O.
 */
final class PlatformSync {
  /** Kinds the platform serves are applied first, so a request finds its Promise. */
  private static final List<String> ORDER = List.of("Promise", "GitStateStore", "BucketStateStore", "Destination");

  private final Map<String, String> appliedHashes = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> appliedDocs = new ConcurrentHashMap<>();

  record Plan(List<ObjectNode> toApply, List<ObjectNode> toDelete) {}

  Plan plan(Map<String, String> files) {
    Map<String, ObjectNode> present = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      String name = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
      // The canary files and the .kratix tracking files are Kratix's own, not the platform's.
      if (name.startsWith("kratix-canary-") || f.getKey().contains("/.kratix/") || !name.matches(".*\\.ya?ml")) continue;
      for (ObjectNode doc : KratixYaml.parseAll(f.getValue())) {
        if (!Docs.kind(doc).isEmpty() && !Docs.name(doc).isEmpty()) present.put(key(doc), doc);
      }
    }
    List<ObjectNode> toApply = present.entrySet().stream()
        .filter(e -> !hash(e.getValue()).equals(appliedHashes.get(e.getKey())))
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparingInt(PlatformSync::rank)).toList();
    List<ObjectNode> toDelete = new ArrayList<>();
    appliedDocs.forEach((k, doc) -> {
      if (!present.containsKey(k)) toDelete.add(doc);
    });
    // Requests go before the Promises that serve them.
    toDelete.sort(Comparator.comparingInt(PlatformSync::rank).reversed());
    return new Plan(toApply, toDelete);
  }

  void applied(ObjectNode doc) {
    appliedHashes.put(key(doc), hash(doc));
    appliedDocs.put(key(doc), doc);
  }

  void deleted(ObjectNode doc) {
    appliedHashes.remove(key(doc));
    appliedDocs.remove(key(doc));
  }

  List<String> appliedKeys() {
    return appliedDocs.keySet().stream().sorted().toList();
  }

  static String key(ObjectNode doc) {
    String ns = Docs.namespace(doc);
    return Docs.apiVersion(doc) + "/" + Docs.kind(doc) + "/" + (ns.isEmpty() ? "" : ns + "/") + Docs.name(doc);
  }

  private static String hash(ObjectNode doc) {
    return Hashing.md5(KratixYaml.canonicalJson(doc));
  }

  private static int rank(ObjectNode doc) {
    int i = Docs.isKratixKind(doc) ? ORDER.indexOf(Docs.kind(doc)) : -1;
    return i < 0 ? ORDER.size() : i;
  }
}
