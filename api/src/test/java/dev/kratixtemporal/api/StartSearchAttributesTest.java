package dev.kratixtemporal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.api.admission.Admitted;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.workflow.SearchAttributes;
import org.junit.jupiter.api.Test;

/** A workflow starts with the search attributes its lists query, the values its own upserts give them later. */
class StartSearchAttributesTest {

  @Test
  void aRequestStartsWithItsKindPromiseNamespaceAndPhasePending() {
    var doc = KratixYaml.parseOne("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Stage
        metadata: {name: one, namespace: team-a}
        """);
    var attributes = StartSearchAttributes.of(
        new Admitted(Admitted.Kind.RESOURCE_REQUEST, doc, "resource/stages/team-a/one"));
    assertThat(attributes.get(SearchAttributes.KIND)).isEqualTo("Stage");
    assertThat(attributes.get(SearchAttributes.PROMISE)).isEqualTo("stages");
    assertThat(attributes.get(SearchAttributes.NAMESPACE)).isEqualTo("team-a");
    assertThat(attributes.get(SearchAttributes.PHASE)).isEqualTo("Pending");
  }

  @Test
  void aPromiseIsItsOwnKratixPromiseAndAStoreHasItsKindOnly() {
    var promise = KratixYaml.parseOne("{apiVersion: platform.kratix.io/v1alpha1, kind: Promise, metadata: {name: redis}}");
    var a = StartSearchAttributes.of(new Admitted(Admitted.Kind.PROMISE, promise, "promise/redis"));
    assertThat(a.get(SearchAttributes.KIND)).isEqualTo("Promise");
    assertThat(a.get(SearchAttributes.PROMISE)).isEqualTo("redis");
    var store = KratixYaml.parseOne("{apiVersion: platform.kratix.io/v1alpha1, kind: BucketStateStore, metadata: {name: b}}");
    var s = StartSearchAttributes.of(new Admitted(Admitted.Kind.STATE_STORE, store, "bucketstatestore/b"));
    assertThat(s.get(SearchAttributes.KIND)).isEqualTo("BucketStateStore");
    assertThat(s.containsKey(SearchAttributes.PROMISE)).isFalse();
    assertThat(s.containsKey(SearchAttributes.NAMESPACE)).isFalse();
  }
}
