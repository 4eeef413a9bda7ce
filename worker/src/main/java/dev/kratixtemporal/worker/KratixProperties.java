package dev.kratixtemporal.worker;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under "kratix".
 *
 * @param dataDir where the worker keeps state-store clones, pipeline scratch folders and (dev) the local repo
 * @param podman the container CLI and its extra arguments
 * @param pipelineConcurrency how many pipelines run at once on this worker
 */
@ConfigurationProperties("kratix")
public record KratixProperties(Path dataDir, Podman podman, Integer pipelineConcurrency) {
  public KratixProperties {
    if (dataDir == null) dataDir = Path.of("data");
    if (podman == null) podman = new Podman(null, null, null);
    if (pipelineConcurrency == null) pipelineConcurrency = 4;
  }

  public record Podman(String command, List<String> globalArgs, List<String> runArgs) {}
}
