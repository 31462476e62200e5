package dev.sluice.io.file;

import java.io.Serializable;

/** A file the source may read: its absolute path and modification time. */
final class FileEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  final String path;
  final long modificationTime;

  FileEntry(String path, long modificationTime) {
    this.path = path;
    this.modificationTime = modificationTime;
  }

  @Override
  public String toString() {
    return path + "@" + modificationTime;
  }
}
