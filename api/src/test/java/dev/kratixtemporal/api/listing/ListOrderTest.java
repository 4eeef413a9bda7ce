package dev.kratixtemporal.api.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which workflows a list asks, and in which order: kubectl's, by namespace then name. */
class ListOrderTest {

  @Test
  void requestsAreOrderedByNamespaceThenNameNotByTheirWorkflowIdsAsText() {
    // As text "resource/p/a-b/x" sorts before "resource/p/a/y" ('-' < '/'); kubectl shows namespace a first.
    List<String> visible = List.of("resource/p/a-b/x", "resource/p/a/y", "resource/p/a/b", "resource/p/default/z");
    assertThat(ListOrder.candidates(ListScope.requestsOf("p"), visible, List.of()))
        .containsExactly("resource/p/a/b", "resource/p/a/y", "resource/p/a-b/x", "resource/p/default/z");
  }

  @Test
  void aRecentApplyVisibilityHasNotIndexedYetIsAddedOnceAndInItsPlace() {
    List<String> visible = List.of("promise/redis", "promise/kafka");
    List<String> recent = List.of("promise/postgres", "promise/redis");
    assertThat(ListOrder.candidates(ListScope.promises(), visible, recent))
        .containsExactly("promise/kafka", "promise/postgres", "promise/redis");
  }

  @Test
  void onlyTheScopesWorkflowsAreCandidates() {
    // Recent applies (and the catalog, without visibility) hold every kind; a Promise's prefix is not another's.
    List<String> everything = List.of("promise/p", "destination/dev", "gitstatestore/default", "bucketstatestore/b",
        "resource/p/default/one", "resource/p-2/default/two", "resource/p/");
    assertThat(ListOrder.candidates(ListScope.requestsOf("p"), everything, List.of()))
        .containsExactly("resource/p/default/one");
    assertThat(ListOrder.candidates(ListScope.stores("GitStateStore"), everything, List.of()))
        .containsExactly("gitstatestore/default");
    assertThat(ListOrder.candidates(ListScope.destinations(), List.of(), everything)).containsExactly("destination/dev");
  }

  @Test
  void queriesNameTheWorkflowTypeTheScopeAndRunningOnly() {
    assertThat(ListScope.requestsOf("redis").query()).isEqualTo(
        "WorkflowType = 'ResourceWorkflow' AND ExecutionStatus = 'Running' AND KratixPromise = 'redis'");
    assertThat(ListScope.stores("BucketStateStore").query()).isEqualTo(
        "WorkflowType = 'StateStoreWorkflow' AND ExecutionStatus = 'Running' AND KratixKind = 'BucketStateStore'");
    assertThat(ListScope.promises().query()).isEqualTo("WorkflowType = 'PromiseWorkflow' AND ExecutionStatus = 'Running'");
  }

  @Test
  void aValueThatIsNotAKubernetesNameNeverReachesAQuery() {
    for (String bad : List.of("x' OR KratixPromise != '", "a\\'b", "", "a b", "\"quoted\"", "-leading")) {
      assertThatThrownBy(() -> ListScope.requestsOf(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a Kubernetes name");
    }
    assertThat(ListScope.requestsOf("my.promise-2").query()).endsWith("KratixPromise = 'my.promise-2'");
  }
}
