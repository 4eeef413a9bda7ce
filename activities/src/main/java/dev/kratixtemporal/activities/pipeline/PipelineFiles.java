package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.blobs.BlobStoreActivities;
import dev.kratixtemporal.activities.pipeline.PipelineOutputRules.Kind;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.model.DestinationSelector;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The /kratix folders of one run on the host: made before the containers, read after them (Kratix docs: pipeline files under /kratix). Reading never
 * follows a link (the folders were written by the pipeline, the host's files are not its to read); the rules on what
 * may be there are {@link PipelineOutputRules}.
 */
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

  /**
   * The succeeded result of the files left behind, or a failed result naming what breaks a rule or a limit (a
   * pipeline's own doing: running it again would not help). Each output file goes into the blob store; the
   * result carries references only (docs/blob-store.md).
   */
  public PipelineResult result(OutputLimits limits, String logs, BlobStore blobs) throws IOException {
    return result(limits, logs, blobs, false);
  }

  /**
   * @param pickHealthDefinitions a resource's configure run: HealthDefinitions in its outputs are taken out and
   *     returned as documents (EmittedHealthDefinitions)
   */
  public PipelineResult result(OutputLimits limits, String logs, BlobStore blobs, boolean pickHealthDefinitions)
      throws IOException {
    try {
      List<OutputFile> outputs = outputs(limits);
      List<ObjectNode> definitions = null;
      if (pickHealthDefinitions) {
        EmittedHealthDefinitions.Picked picked = EmittedHealthDefinitions.pick(outputs);
        outputs = picked.outputs();
        if (!picked.definitions().isEmpty()) definitions = picked.definitions();
      }
      List<DestinationSelector> selectors = destinationSelectors(limits);
      ObjectNode status = status(limits);
      ObjectNode control = workflowControl(limits);
      ObjectNode health = health(limits);
      List<FileRef> refs = outputs.stream()
          .map(f -> BlobStoreActivities.ref(blobs, f.path(), f.content().getBytes(StandardCharsets.UTF_8))).toList();
      PipelineResult result = new PipelineResult(true, null, refs, selectors, status, control, logs, health, false,
          definitions);
      long encoded = encodedSize(result);
      if (encoded > limits.maxResultBytes()) throw PipelineOutputRules.resultTooLarge(encoded, limits.maxResultBytes());
      return result;
    } catch (InvalidDocumentException e) {
      return PipelineResult.failed(e.getMessage(), logs);
    }
  }

  /** Its size as a Temporal payload: JSON, as the default data converter writes it. */
  static long encodedSize(PipelineResult result) {
    try {
      return KratixYaml.JSON.writeValueAsBytes(result).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a pipeline result", e);
    }
  }

  /** Every file under output, by its path relative to output, in a stable order; a broken rule or limit is an error. */
  public List<OutputFile> outputs(OutputLimits limits) throws IOException {
    List<Path> paths = new ArrayList<>();
    long[] countAndBytes = new long[2];
    Files.walkFileTree(output, new SimpleFileVisitor<>() { // links are not followed: they are reported as such
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(output)) PipelineOutputRules.checkOutput(relative(dir), Kind.DIRECTORY);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        PipelineOutputRules.checkOutput(relative(file), kind(attrs));
        // Counted to the end for the message; only as many as allowed are kept.
        if (++countAndBytes[0] <= limits.maxFiles()) paths.add(file);
        countAndBytes[1] += attrs.size();
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        throw e;
      }
    });
    if (countAndBytes[0] > limits.maxFiles()) throw PipelineOutputRules.tooManyFiles(countAndBytes[0], limits.maxFiles());
    if (countAndBytes[1] > limits.maxBytes()) throw PipelineOutputRules.tooLarge(countAndBytes[1], limits.maxBytes());
    List<OutputFile> files = new ArrayList<>();
    long budget = limits.maxBytes();
    for (Path p : paths.stream().sorted().toList()) {
      String shown = PipelineOutputRules.OUTPUT + "/" + relative(p);
      byte[] bytes = readNoFollow(p, budget, shown);
      if (bytes.length > budget) { // grew since the walk
        throw PipelineOutputRules.tooLarge(limits.maxBytes() - budget + bytes.length, limits.maxBytes());
      }
      budget -= bytes.length;
      files.add(new OutputFile(relative(p), text(bytes, shown)));
    }
    return files;
  }

  public List<DestinationSelector> destinationSelectors(OutputLimits limits) throws IOException {
    JsonNode node = readMetadata("destination-selectors.yaml", limits);
    List<DestinationSelector> out = new ArrayList<>();
    if (node == null) return out;
    if (!node.isArray()) throw new InvalidDocumentException("destination-selectors.yaml", "must be a YAML list");
    for (JsonNode entry : node) {
      String dir = entry.hasNonNull("directory") ? entry.get("directory").asText() : null;
      out.add(new DestinationSelector(dir, Docs.stringMap(entry.path("matchLabels"))));
    }
    return out;
  }

  public ObjectNode status(OutputLimits limits) throws IOException {
    JsonNode node = readMetadata("status.yaml", limits);
    if (node == null) return null;
    if (!node.isObject()) throw new InvalidDocumentException("status.yaml", "must be a YAML mapping");
    return (ObjectNode) node;
  }

  public ObjectNode workflowControl(OutputLimits limits) throws IOException {
    JsonNode node = readMetadata("workflow-control.yaml", limits);
    return node instanceof ObjectNode o ? o : null;
  }

  /** A health check's verdict: health.yaml with state and details (docs/health-checks.md). */
  public ObjectNode health(OutputLimits limits) throws IOException {
    JsonNode node = readMetadata("health.yaml", limits);
    if (node == null) return null;
    if (!node.isObject()) throw new InvalidDocumentException("health.yaml", "must be a YAML mapping (state, details)");
    return (ObjectNode) node;
  }

  private JsonNode readMetadata(String name, OutputLimits limits) throws IOException {
    Path file = metadata.resolve(name);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
    PipelineOutputRules.checkMetadata(name, kind(attrs));
    String shown = PipelineOutputRules.METADATA + "/" + name;
    byte[] bytes = readNoFollow(file, limits.maxBytes(), shown);
    if (bytes.length > limits.maxBytes()) {
      throw new InvalidDocumentException(shown, "is larger than " + limits.maxBytes() + " bytes");
    }
    String text = text(bytes, shown);
    if (text.isBlank()) return null;
    try {
      return KratixYaml.YAML.readTree(text);
    } catch (IOException e) {
      throw new InvalidDocumentException(name, "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private String relative(Path p) {
    Path r = output.relativize(p);
    return r.toString().replace(r.getFileSystem().getSeparator(), "/");
  }

  private static Kind kind(BasicFileAttributes attrs) {
    if (attrs.isSymbolicLink()) return Kind.SYMBOLIC_LINK;
    if (attrs.isRegularFile()) return Kind.REGULAR_FILE;
    if (attrs.isDirectory()) return Kind.DIRECTORY;
    return Kind.OTHER;
  }

  /**
   * At most limit + 1 bytes (enough to tell it is over), opened with O_NOFOLLOW: a link swapped in after the walk
   * fails to open instead of being followed.
   */
  private static byte[] readNoFollow(Path file, long limit, String shown) throws IOException {
    try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (java.nio.file.FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        throw new InvalidDocumentException(shown + " is a symbolic link; pipeline outputs must be regular files");
      }
      throw e;
    }
  }

  /** Outputs are text (YAML for the state store); other bytes are the pipeline's error, not a reason to retry. */
  private static String text(byte[] bytes, String shown) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidDocumentException(shown + " is not UTF-8 text");
    }
  }
}
