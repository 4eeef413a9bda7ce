package dev.kratixtemporal.api.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The local stand-ins for the images the sample Promises name; CI builds them with deploy/pipeline-images/build.sh. */
final class PipelineImages {
  static final List<String> REQUIRED = List.of(
      "ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1",
      "ghcr.io/syntasso/kratix-marketplace/namespace-configure-pipeline:v0.1.0",
      "ghcr.io/syntasso/kratix-marketplace/redis-configure-pipeline:v0.1.0",
      "docker.io/syntasso/paved-path-demo-configure-pipeline:latest",
      "ghcr.io/syntasso/promise-postgresql/postgresql-configure-pipeline:v0.1.0",
      "ghcr.io/syntasso/kratix-marketplace/knative-configure-pipeline:v0.1.0");

  private PipelineImages() {}

  static void requireBuilt() {
    for (String image : REQUIRED) {
      try {
        Process p = new ProcessBuilder("podman", "image", "exists", image).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          fail("pipeline image " + image + " is missing: run deploy/pipeline-images/build.sh (as .ci/run does)");
        }
      } catch (Exception e) {
        fail("podman is needed for the end-to-end tests (" + e.getMessage() + "): see .ci/run");
      }
    }
  }
}
