package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.OutputFile;
import java.util.List;

/**
 * One commit's worth of change to a store: directories removed, then files written (paths relative to the
 * store's spec.path), committed with the given message when anything changed.
 *
 * @param trackingFile for filepath.mode none: the .kratix file listing what this placement wrote; the files it
 *     lists are removed first, and it is rewritten with the new list (or removed with the last file). Else null.
 */
public record StoreChange(GitStateStore store, List<String> removeDirectories, List<OutputFile> files, String message,
    String trackingFile) {}
