package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * What workflows do with the blob store (docs/blob-store.md), all through activities. Workflows that started
 * before the blob store existed replay without these calls (Workflow.getVersion).
 */
final class Blobs {
  private Blobs() {}

  private static boolean enabled() {
    return Workflow.getVersion("blob-store", Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
  }

  /**
   * Files the workflow makes itself go into the blob store like pipeline outputs, so that store changes carry
   * references only. Their contents are already in history (they are derived from the applied document), so this
   * is for one shape of change, not for secrecy.
   */
  static List<FileRef> store(List<OutputFile> files) {
    if (enabled()) return Stubs.blobs().storeFiles(files);
    // A workflow that ran before the blob store replays here: the same references, computed, never written.
    return files.stream().map(f -> new FileRef(f.path(), Hashing.sha256(f.content()),
        f.content().getBytes(StandardCharsets.UTF_8).length)).toList();
  }

  /** Tells the blob store which blobs this workflow's state refers to now (its roots for the sweeper). */
  static void retain(PipelineWorkflowState state) {
    if (!enabled()) return;
    TreeSet<String> shas = new TreeSet<>();
    for (Work work : state.works.values()) {
      for (WorkloadGroup group : work.groups()) {
        for (FileRef f : group.files()) shas.add(f.sha256());
      }
    }
    Stubs.blobs().retain(Workflow.getInfo().getWorkflowId(), List.copyOf(shas));
  }

  /** The object is gone: its blobs are no longer kept for it. */
  static void release() {
    if (!enabled()) return;
    Stubs.blobs().release(Workflow.getInfo().getWorkflowId());
  }
}
