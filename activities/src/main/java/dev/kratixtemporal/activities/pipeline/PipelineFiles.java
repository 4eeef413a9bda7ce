package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.DestinationSelector;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.OutputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The /kratix folders of one run on the host: made before the containers, read after them (spec 5.4). */
public final class PipelineFiles {
  public final Path input;
  public final Path output;
  public final Path metadata;

  public PipelineFiles(Path root) throws IOException {
    input = Files.createDirectories(root.resolve("input"));
    output = Files.createDirectories(root.resolve("output"));
    metadata = Files.createDirectories(root.resolve("metadata"));
  }

  public void writeObject(ObjectNode object) throws IOException {
    Files.writeString(input.resolve("object.yaml"), KratixYaml.toYaml(object));
  }

  /** Every file under output, by its path relative to output, in a stable order; over the limit is an error. */
  public List<OutputFile> outputs(long limitBytes) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(output)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    long total = 0;
    for (Path p : paths) total += Files.size(p);
    if (total > limitBytes) throw outputTooLarge(total, limitBytes);
    List<OutputFile> files = new ArrayList<>();
    for (Path p : paths) {
      files.add(new OutputFile(output.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
    }
    return files;
  }

  /** The one wording of the output limit error, for every runtime. */
  public static InvalidDocumentException outputTooLarge(long sizeBytes, long limitBytes) {
    return new InvalidDocumentException("/kratix/output",
        "holds " + sizeBytes + " bytes, more than the limit of " + limitBytes + " bytes");
  }

  public List<DestinationSelector> destinationSelectors() throws IOException {
    JsonNode node = readMetadata("destination-selectors.yaml");
    List<DestinationSelector> out = new ArrayList<>();
    if (node == null) return out;
    if (!node.isArray()) throw new InvalidDocumentException("destination-selectors.yaml", "must be a YAML list");
    for (JsonNode entry : node) {
      String dir = entry.hasNonNull("directory") ? entry.get("directory").asText() : null;
      out.add(new DestinationSelector(dir, Docs.stringMap(entry.path("matchLabels"))));
    }
    return out;
  }

  public ObjectNode status() throws IOException {
    JsonNode node = readMetadata("status.yaml");
    if (node == null) return null;
    if (!node.isObject()) throw new InvalidDocumentException("status.yaml", "must be a YAML mapping");
    return (ObjectNode) node;
  }

  public ObjectNode workflowControl() throws IOException {
    JsonNode node = readMetadata("workflow-control.yaml");
    return node instanceof ObjectNode o ? o : null;
  }

  private JsonNode readMetadata(String name) throws IOException {
    Path file = metadata.resolve(name);
    if (!Files.exists(file)) return null;
    String text = Files.readString(file);
    if (text.isBlank()) return null;
    try {
      return KratixYaml.YAML.readTree(text);
    } catch (IOException e) {
      throw new InvalidDocumentException(name, "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
