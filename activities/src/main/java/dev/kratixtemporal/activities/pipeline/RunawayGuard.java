package dev.kratixtemporal.activities.pipeline;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Watches what a running container writes onto the host (its log, the shared /kratix folders), so one that would fill
 * the disk is stopped long before its timeout. The bounds are generous multiples of the output limits: a pipeline may
 * use the folders as scratch space, and only the end state is held to the limits.
 */
final class RunawayGuard {
  static final long LOG_FILE_LIMIT = 16L * 1024 * 1024;
  static final int FACTOR = 16;

  private final PipelineFiles files;
  private final Path logFile;
  private final long maxBytes;
  private final long maxEntries;

  RunawayGuard(PipelineFiles files, Path logFile, OutputLimits limits) {
    this.files = files;
    this.logFile = logFile;
    this.maxBytes = FACTOR * limits.maxBytes();
    this.maxEntries = (long) FACTOR * limits.maxFiles();
  }

  /** Why the container must be stopped, or null. Walks at most maxEntries entries, never following links. */
  String check() throws IOException {
    if (Files.size(logFile) > LOG_FILE_LIMIT) return "printed more than " + LOG_FILE_LIMIT + " bytes of logs";
    long[] entriesAndBytes = new long[2];
    SimpleFileVisitor<Path> count = new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return ++entriesAndBytes[0] > maxEntries ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        entriesAndBytes[1] += attrs.isRegularFile() ? attrs.size() : 0;
        boolean over = ++entriesAndBytes[0] > maxEntries || entriesAndBytes[1] > maxBytes;
        return over ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // removed by the container while we looked
      }
    };
    Files.walkFileTree(files.output, count);
    if (entriesAndBytes[0] <= maxEntries && entriesAndBytes[1] <= maxBytes) Files.walkFileTree(files.metadata, count);
    if (entriesAndBytes[0] > maxEntries) return "wrote more than " + maxEntries + " files to /kratix/output and /kratix/metadata";
    if (entriesAndBytes[1] > maxBytes) return "wrote more than " + maxBytes + " bytes to /kratix/output and /kratix/metadata";
    return null;
  }
}
