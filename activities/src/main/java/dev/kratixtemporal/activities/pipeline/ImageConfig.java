package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an image says about running it (OCI image config), as {@code podman image inspect} gives it.
 *
 * @param id the image id in podman's local storage: the cache key
 */
record ImageConfig(String id, List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
    String user) {

  /** From one element of {@code podman image inspect}'s JSON array. */
  static ImageConfig of(JsonNode inspected) {
    JsonNode config = inspected.path("Config");
    String id = inspected.path("Id").asText("");
    if (!id.matches("[0-9a-f]{64}")) throw new IllegalStateException("podman gave the image id " + id);
    return new ImageConfig(id, strings(config.path("Entrypoint")), strings(config.path("Cmd")),
        strings(config.path("Env")), config.path("WorkingDir").asText(""), config.path("User").asText(""));
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) node.forEach(n -> out.add(n.asText()));
    else if (node.isTextual()) out.add(node.asText());
    return List.copyOf(out);
  }
}
