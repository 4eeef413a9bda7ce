package dev.kratixtemporal.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activities.blobs.TestBlobs;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.KratixYaml;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pipeline contract on the podman runtime, and how its limits reach podman's cgroups. */
class PodmanPipelineActivitiesTest extends PipelineRuntimeContractTest {

  @Override
  PipelineActivities runtime(OutputLimits outputs, ContainerLimits containers) {
    return new PodmanPipelineActivities(new PodmanSettings("podman", List.of(), PodmanSettings.DEFAULT_RUN_ARGS, work,
        outputs, containers), blobs);
  }

  @Override
  Set<String> containers() throws Exception {
    Process p = new ProcessBuilder("podman", "ps", "-a", "--format", "{{.Names}}").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  @Test
  void theLimitsReachTheContainersCgroups() {
    ObjectNode raw = (ObjectNode) KratixYaml.parseOne(
        "apiVersion: platform.kratix.io/v1alpha1\nkind: Pipeline\nmetadata: {name: pipe}\n"
            + "spec: {containers: [{name: c0, image: x, resources: {limits: {memory: 100Mi, cpu: 250m}}}]}\n");
    Container c = new Container("c0", IMAGE, List.of("sh", "-c"), List.of("cd /sys/fs/cgroup; echo $(cat pids/pids.max"
        + " memory/memory.limit_in_bytes memory/memory.memsw.limit_in_bytes cpu/cpu.cfs_quota_us cpu/cpu.cfs_period_us)"
        + " > /kratix/output/limits"), List.of());
    PipelineResult result = activities(null, new ContainerLimits(64, 0, 2, null)).runPipeline(run(c, raw));
    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(TestBlobs.text(blobs, result.outputs().get(0)).strip()).isEqualTo("64 104857600 104857600 25000 100000");
  }}
