package dev.kratixtemporal.api.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GenerationMapTest {

  @Test
  void translatesAWorkflowGenerationToTheClustersLatestForTheSameSpec() {
    GenerationMap map = new GenerationMap();
    map.record(1, 1);
    map.record(1, 2); // the server bumped the generation, the workflow saw the same spec
    map.record(2, 3);
    assertThat(map.toCluster(1)).hasValue(2);
    assertThat(map.toCluster(2)).hasValue(3);
    map.record(2, 2); // an older event arriving late changes nothing
    assertThat(map.toCluster(2)).hasValue(3);
  }

  @Test
  void aGenerationNeverAppliedHereIsUnknown() {
    GenerationMap map = new GenerationMap();
    map.record(5, 1); // the workflow outlived an earlier resource of that name
    assertThat(map.toCluster(4)).isEmpty();
    assertThat(map.toCluster(5)).hasValue(1);
  }
}
