package dev.kratixtemporal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kratixtemporal.activities.pipeline.ContainerLimits;
import dev.kratixtemporal.activities.pipeline.OutputLimits;
import dev.kratixtemporal.activities.pipeline.PodmanSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** kratix.podman.* container limits and kratix.pipeline-output.* as an operator writes them, and their defaults. */
class PipelineLimitsSettingsTest {
  private static PodmanSettings settings(Map<String, String> props) {
    KratixProperties p = new Binder(new MapConfigurationPropertySource(props)).bindOrCreate("kratix", KratixProperties.class);
    return WorkerConfiguration.podmanSettings(p, Path.of("/tmp/pipelines"));
  }

  @Test
  void unsetLimitsTakeTheDefaults() {
    PodmanSettings s = settings(Map.of());
    assertEquals(new ContainerLimits(256, 512L * 1024 * 1024, 1.0, Duration.ofMinutes(10)), s.containerLimits());
    assertEquals(new OutputLimits(1_500_000, 1_000, 1_500_000), s.outputLimits());
  }

  @Test
  void limitsBindFromTheirUsualForms() {
    PodmanSettings s = settings(Map.of(
        "kratix.podman.pids-limit", "64",
        "kratix.podman.memory", "256MB",
        "kratix.podman.cpus", "0.5",
        "kratix.podman.timeout", "90s",
        "kratix.pipeline-output.max-bytes", "2MB",
        "kratix.pipeline-output.max-files", "200",
        "kratix.pipeline-output.max-result-bytes", "3MB"));
    assertEquals(new ContainerLimits(64, 256L * 1024 * 1024, 0.5, Duration.ofSeconds(90)), s.containerLimits());
    assertEquals(new OutputLimits(2L * 1024 * 1024, 200, 3L * 1024 * 1024), s.outputLimits());
  }
}
