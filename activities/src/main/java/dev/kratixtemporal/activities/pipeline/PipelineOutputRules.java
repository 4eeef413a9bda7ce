package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Set;

/**
 * What a pipeline may leave in /kratix/output and /kratix/metadata, and the wording of each refusal, for every runtime.
 * Files are read on the worker's host: a link there would be followed to the host's own files, so only regular files
 * and folders are accepted. A ".git" segment would be written into the state repository and break every later commit.
 */
public final class PipelineOutputRules {
  public static final String OUTPUT = "/kratix/output";
  public static final String METADATA = "/kratix/metadata";
  /** The metadata files read back; other files there are scratch space between containers (Kratix docs: pipeline files under /kratix). */
  public static final Set<String> METADATA_FILES = Set.of("destination-selectors.yaml", "status.yaml", "workflow-control.yaml",
      "health.yaml");

  /** What a folder entry is, as far as these rules care. */
  public enum Kind {
    REGULAR_FILE("a regular file"), DIRECTORY("a directory"), SYMBOLIC_LINK("a symbolic link"), HARD_LINK("a hard link"),
    OTHER("a special file (fifo, socket or device)");

    private final String wording;

    Kind(String wording) {
      this.wording = wording;
    }
  }

  private PipelineOutputRules() {}

  /** Refuses an output entry (path relative to /kratix/output, '/'-separated) that is not a regular file or folder. */
  public static void checkOutput(String relative, Kind kind) {
    String shown = OUTPUT + "/" + relative;
    if (kind != Kind.REGULAR_FILE && kind != Kind.DIRECTORY) {
      throw new InvalidDocumentException(shown + " is " + kind.wording + "; pipeline outputs must be regular files");
    }
    checkInside(relative, shown);
    for (String segment : relative.split("/")) {
      if (segment.equals(".git")) {
        throw new InvalidDocumentException(shown + " has a .git path segment; pipeline outputs may not hold Git metadata");
      }
    }
  }

  /** Refuses a metadata file that is not a regular file. */
  public static void checkMetadata(String name, Kind kind) {
    if (kind != Kind.REGULAR_FILE) {
      throw new InvalidDocumentException(METADATA + "/" + name + " is " + kind.wording
          + "; pipeline metadata files must be regular files");
    }
  }

  /** A path that climbs out of its folder (an archive entry, say). */
  static void checkInside(String relative, String shown) {
    if (relative.isEmpty() || relative.startsWith("/")) throw new InvalidDocumentException(shown + " escapes its directory");
    for (String segment : relative.split("/")) {
      if (segment.equals("..")) throw new InvalidDocumentException(shown + " escapes its directory");
    }
  }

  public static InvalidDocumentException tooLarge(long sizeBytes, long limitBytes) {
    return new InvalidDocumentException(OUTPUT, "holds " + sizeBytes + " bytes, more than the limit of " + limitBytes + " bytes");
  }

  public static InvalidDocumentException tooManyFiles(long count, int limit) {
    return new InvalidDocumentException(OUTPUT, "holds " + count + " files, more than the limit of " + limit + " files");
  }

  public static InvalidDocumentException resultTooLarge(long encodedBytes, long limitBytes) {
    return new InvalidDocumentException("the pipeline's result takes " + encodedBytes
        + " bytes once encoded, more than the limit of " + limitBytes
        + " bytes (control characters take six bytes each; write fewer or smaller files)");
  }
}
