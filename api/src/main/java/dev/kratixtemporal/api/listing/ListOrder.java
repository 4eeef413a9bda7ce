package dev.kratixtemporal.api.listing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which workflows a list asks for their status, in the order kubectl shows objects: by namespace, then name
 * (cluster-scoped objects by name). Pure: the ids come from visibility (or the catalog) and from this process's
 * recent applies; the union covers the moments when visibility has not indexed a new workflow yet.
 */
public final class ListOrder {
  private ListOrder() {}

  /** Every id of the scope found in either source, once, sorted by namespace then name. */
  public static List<String> candidates(ListScope scope, Collection<String> visible, Collection<String> recent) {
    return Stream.concat(visible.stream(), recent.stream()).filter(scope::contains).distinct()
        .sorted(Comparator.comparing((String id) -> namespace(scope, id)).thenComparing(id -> name(scope, id)))
        .toList();
  }

  private static String namespace(ListScope scope, String id) {
    String c = scope.coordinates(id);
    int slash = c.indexOf('/');
    return slash < 0 ? "" : c.substring(0, slash);
  }

  private static String name(ListScope scope, String id) {
    String c = scope.coordinates(id);
    return c.substring(c.indexOf('/') + 1);
  }
}
