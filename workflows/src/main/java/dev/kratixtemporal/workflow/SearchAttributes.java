package dev.kratixtemporal.workflow;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/** Search attributes for users of a full Temporal cluster: `temporal workflow list --query "KratixPromise='redis'"`. */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> KIND = SearchAttributeKey.forKeyword("KratixKind");
  public static final SearchAttributeKey<String> PROMISE = SearchAttributeKey.forKeyword("KratixPromise");
  public static final SearchAttributeKey<String> NAMESPACE = SearchAttributeKey.forKeyword("KratixNamespace");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("KratixPhase");
  public static final List<SearchAttributeKey<String>> ALL = List.of(KIND, PROMISE, NAMESPACE, PHASE);

  private SearchAttributes() {}

  static void upsert(String kind, String promise, String namespace, String phase) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(KIND.valueSet(kind));
    if (promise != null) updates.add(PROMISE.valueSet(promise));
    if (namespace != null) updates.add(NAMESPACE.valueSet(namespace));
    if (phase != null) updates.add(PHASE.valueSet(phase));
    Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
  }
}
