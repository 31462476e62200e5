package dev.sluice.io.file;

import java.util.Locale;

/** The formats of the file source and sink: Spark's {@code json}, {@code csv} and {@code text}. */
enum FileFormat {
  JSON("json"),
  CSV("csv"),
  TEXT("txt");

  /** The file name extension the sink writes. */
  final String extension;

  FileFormat(String extension) {
    this.extension = extension;
  }

  /** The format named as in Spark's {@code format("json")}. */
  static FileFormat fromString(String name) {
    if (name != null) {
      for (FileFormat f : values()) {
        if (f.name().equalsIgnoreCase(name.trim())) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown file format '"
            + name
            + "': Sluice's file source and sink read and write json, csv and text"
            + (name != null && name.trim().toLowerCase(Locale.ROOT).equals("parquet")
                ? " (Parquet lives in module sluice-io-parquet: ParquetFiles.source/sink)"
                : ""));
  }

  /** Spark's name of the format. */
  String sparkName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
