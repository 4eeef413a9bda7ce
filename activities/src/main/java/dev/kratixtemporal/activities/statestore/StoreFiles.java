package dev.kratixtemporal.activities.statestore;

import java.io.IOException;

/** The files of one store, by path relative to the store's root (a Git work tree or a bucket). */
interface StoreFiles {
  /** The file's content, or null when there is none. */
  String read(String path) throws IOException;

  void write(String path, String content) throws IOException;

  void delete(String path) throws IOException;

  /** Removes a directory and everything under it, or a single file of that name. */
  void deleteTree(String path) throws IOException;
}
