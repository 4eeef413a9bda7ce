package dev.kratixtemporal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kratixtemporal.activities.pipeline.PodmanPipelineActivities;
import dev.kratixtemporal.activities.pipeline.SandboxPipelineActivities;
import dev.kratixtemporal.activities.pipeline.SandboxSettings;
import dev.kratixtemporal.activities.pipeline.kubernetes.KubernetesJobPipelineActivities;
import dev.kratixtemporal.activity.PipelineActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * kratix.pipeline-runtime picks exactly one PipelineActivities bean. No API server and no Temporal server: neither
 * client connects before the worker starts, and this test never starts it.
 */
class PipelineRuntimeWiringMockKubernetesTest {
  @TempDir
  Path data;

  private PipelineActivities pipelineActivities(Map<String, Object> props) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext()) {
      Map<String, Object> all = new HashMap<>(props);
      all.put("kratix.data-dir", data.toString());
      ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", all));
      ctx.registerBean(WorkflowClient.class, () -> WorkflowClient.newInstance(stubs));
      ctx.register(WorkerConfiguration.class);
      ctx.refresh();
      assertEquals(1, ctx.getBeansOfType(PipelineActivities.class).size());
      return ctx.getBean(PipelineActivities.class);
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void theSandboxIsTheDefault() {
    assertInstanceOf(SandboxPipelineActivities.class, pipelineActivities(Map.of()));
    assertEquals(true, java.nio.file.Files.isDirectory(data.resolve("images")), "the image cache under the data dir");
  }

  @Test
  void podmanSelectsThePodmanRuntime() {
    assertInstanceOf(PodmanPipelineActivities.class, pipelineActivities(Map.of("kratix.pipeline-runtime", "podman")));
  }

  @Test
  void sandboxSettingsBindWithThePodmanLimits() {
    Map<String, String> props = Map.of("kratix.sandbox.command", "/opt/bwrap", "kratix.sandbox.max-images", "3",
        "kratix.sandbox.network", "true", "kratix.podman.command", "/opt/podman", "kratix.podman.global-args", "--root=/r",
        "kratix.podman.memory", "256MB", "kratix.podman.timeout", "90s");
    KratixProperties p = new Binder(new MapConfigurationPropertySource(props)).bind("kratix", KratixProperties.class).get();
    SandboxSettings s = WorkerConfiguration.sandboxSettings(p, data.resolve("pipelines"), data.resolve("images"));
    assertEquals("/opt/bwrap", s.bwrap());
    assertEquals("/opt/podman", s.podman());
    assertEquals(java.util.List.of("--root=/r"), s.podmanGlobalArgs());
    assertEquals(3, s.maxImages());
    assertEquals(true, s.network());
    assertEquals(256L * 1024 * 1024, s.containerLimits().memoryBytes());
    assertEquals(java.time.Duration.ofSeconds(90), s.containerLimits().timeout());
    SandboxSettings defaults = WorkerConfiguration.sandboxSettings(new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("kratix", KratixProperties.class), data, data.resolve("images"));
    assertEquals("bwrap", defaults.bwrap());
    assertEquals(SandboxSettings.DEFAULT_MAX_IMAGES, defaults.maxImages());
    assertEquals(false, defaults.network());
  }

  @Test
  void kubernetesSelectsTheJobRuntime() {
    assertInstanceOf(KubernetesJobPipelineActivities.class, pipelineActivities(Map.of("kratix.pipeline-runtime", "kubernetes",
        "kratix.kubernetes.namespace", "pipelines")));
  }

  @Test
  void kubernetesSettingsBindIncludingTolerations() {
    Map<String, String> props = Map.of(
        "kratix.pipeline-runtime", "kubernetes",
        "kratix.kubernetes.collector-image", "registry.example/utility:v2",
        "kratix.kubernetes.number-of-jobs-to-keep", "3",
        "kratix.kubernetes.default-backoff-limit", "2",
        "kratix.kubernetes.node-selector.pool", "pipelines",
        "kratix.kubernetes.tolerations[0].key", "dedicated",
        "kratix.kubernetes.tolerations[0].operator", "Exists",
        "kratix.kubernetes.tolerations[0].effect", "NoSchedule");
    KratixProperties p = new Binder(new MapConfigurationPropertySource(props)).bind("kratix", KratixProperties.class).get();
    assertEquals("kubernetes", p.pipelineRuntime());
    assertEquals("registry.example/utility:v2", p.kubernetes().collectorImage());
    assertEquals(3, p.kubernetes().numberOfJobsToKeep());
    assertEquals(2, p.kubernetes().defaultBackoffLimit());
    assertEquals(Map.of("pool", "pipelines"), p.kubernetes().nodeSelector());
    assertEquals("dedicated", p.kubernetes().tolerations().get(0).getKey());
    assertEquals("NoSchedule", p.kubernetes().tolerations().get(0).getEffect());
  }
}
