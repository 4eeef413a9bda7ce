package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.StoreRef;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatePathsTest {
  private static final WorkloadGroup ROOT = new WorkloadGroup(Hashing.groupId("."), ".",
      List.of(new FileRef("a.yaml", "ab".repeat(32), 1)), List.of());

  private static Destination dest(String path, String mode) {
    return new Destination("worker-1", java.util.Map.of(), path, new StoreRef("GitStateStore", "default"), false,
        mode, "aggregated.yaml", "none", true);
  }

  private static Destination nested(String path) {
    return dest(path, Destination.NESTED);
  }

  private static final Work RESOURCE_WORK = new Work("redis-my-db-instance-configure-x1y2z", "redis", "my-db",
      "team-a", "instance-configure", List.of(ROOT));
  private static final Work PROMISE_WORKFLOW_WORK = new Work("redis-promise-configure", "redis", null,
      "kratix-platform-system", "promise-configure", List.of(ROOT));
  private static final Work STATIC_WORK = new Work("redis-static-deps", "redis", null, "kratix-platform-system", null,
      List.of(ROOT));

  @Test
  void resourceWorkIsNestedByNamespacePromiseRequestPipelineAndGroup() {
    assertThat(StatePaths.placementDirectory(nested("worker-1"), RESOURCE_WORK, ROOT))
        .isEqualTo("worker-1/resources/team-a/redis/my-db/instance-configure/5058f");
  }

  @Test
  void promiseWorkflowDependencyWorkIsNestedByPromisePipelineAndGroup() {
    assertThat(StatePaths.placementDirectory(nested("worker-1"), PROMISE_WORKFLOW_WORK, ROOT))
        .isEqualTo("worker-1/dependencies/redis/promise-configure/5058f");
  }

  @Test
  void staticDependenciesWorkHasNoPipelineSegment() {
    assertThat(StatePaths.placementDirectory(nested("worker-1"), STATIC_WORK, ROOT))
        .isEqualTo("worker-1/dependencies/redis/5058f");
  }

  @Test
  void staticDependenciesFileLandsAtTheSpecPath() {
    String file = "static/redis-dependencies.yaml";
    assertThat(StatePaths.placementDirectory(nested("worker-1"), STATIC_WORK, ROOT) + "/" + file)
        .isEqualTo("worker-1/dependencies/redis/5058f/static/redis-dependencies.yaml");
  }

  @Test
  void directoryGroupUsesFirstFiveHexDigitsOfItsId() {
    WorkloadGroup eu = new WorkloadGroup(Hashing.groupId("eu"), "eu", List.of(), List.of());

    assertThat(StatePaths.placementDirectory(nested("worker-1"), RESOURCE_WORK, eu))
        .isEqualTo("worker-1/resources/team-a/redis/my-db/instance-configure/" + Hashing.md5("eu").substring(0, 5));
  }

  @Test
  void dotDestinationPathMeansStoreRoot() {
    assertThat(StatePaths.placementDirectory(nested("."), RESOURCE_WORK, ROOT))
        .isEqualTo("resources/team-a/redis/my-db/instance-configure/5058f");
    assertThat(StatePaths.placementDirectory(nested("."), STATIC_WORK, ROOT)).isEqualTo("dependencies/redis/5058f");
  }

  @Test
  void slashDestinationPathMeansStoreRoot() {
    assertThat(StatePaths.placementDirectory(nested("/"), PROMISE_WORKFLOW_WORK, ROOT))
        .isEqualTo("dependencies/redis/promise-configure/5058f");
  }

  @Test
  void destinationPathSlashesAreNormalised() {
    assertThat(StatePaths.placementDirectory(nested("/clusters/worker-1/"), STATIC_WORK, ROOT))
        .isEqualTo("clusters/worker-1/dependencies/redis/5058f");
    assertThat(StatePaths.placementDirectory(nested("./worker-1"), STATIC_WORK, ROOT))
        .isEqualTo("worker-1/dependencies/redis/5058f");
  }

  @Test
  void nestedCanaryFilesGoUnderDependenciesAndResources() {
    Destination d = nested("worker-1");

    assertThat(StatePaths.canaryNamespacePath(d)).isEqualTo("worker-1/dependencies/kratix-canary-namespace.yaml");
    assertThat(StatePaths.canaryConfigMapPath(d)).isEqualTo("worker-1/resources/kratix-canary-configmap.yaml");
  }

  @Test
  void nestedCanaryFilesAtStoreRoot() {
    assertThat(StatePaths.canaryNamespacePath(nested("."))).isEqualTo("dependencies/kratix-canary-namespace.yaml");
    assertThat(StatePaths.canaryConfigMapPath(nested("/"))).isEqualTo("resources/kratix-canary-configmap.yaml");
  }

  @Test
  void noneModeCanaryFilesGoDirectlyUnderDestinationPath() {
    Destination d = dest("worker-1", Destination.NONE);

    assertThat(StatePaths.canaryNamespacePath(d)).isEqualTo("worker-1/kratix-canary-namespace.yaml");
    assertThat(StatePaths.canaryConfigMapPath(d)).isEqualTo("worker-1/kratix-canary-configmap.yaml");
  }

  @Test
  void aggregatedModeCanaryFilesGoDirectlyUnderDestinationPath() {
    Destination d = dest("worker-1", Destination.AGGREGATED);

    assertThat(StatePaths.canaryNamespacePath(d)).isEqualTo("worker-1/kratix-canary-namespace.yaml");
    assertThat(StatePaths.canaryConfigMapPath(d)).isEqualTo("worker-1/kratix-canary-configmap.yaml");
  }

  @Test
  void placementNameIsWorkDotDestinationDashShortGroupId() {
    assertThat(StatePaths.placementName("redis-promise-configure", "worker-1", Hashing.groupId(".")))
        .isEqualTo("redis-promise-configure.worker-1-5058f");
  }
}
