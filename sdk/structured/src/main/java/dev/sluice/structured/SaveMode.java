package dev.sluice.structured;

import java.util.Locale;

/**
 * What a static write does when its destination already exists (Spark's {@code SaveMode}), with
 * Spark's constant names. The default is {@link #ErrorIfExists}.
 *
 * <pre>{@code
 * df.write().mode(SaveMode.Overwrite).json("out/people");
 * df.write().mode("append").json("out/people");
 * }</pre>
 */
@SuppressWarnings("MemberName") // Spark's constant names, so ported code compiles unchanged
public enum SaveMode {
  /** Add the rows to what is there (files next to the existing ones; rows into the table). */
  Append,
  /** Replace what is there (delete the path; drop and recreate, or truncate, the table). */
  Overwrite,
  /** Fail if the destination exists (Spark's default). */
  ErrorIfExists,
  /** Do nothing if the destination exists. */
  Ignore;

  /**
   * The mode Spark's {@code mode(String)} names: {@code append}, {@code overwrite}, {@code error},
   * {@code errorifexists}, {@code default} or {@code ignore}, any case.
   *
   * @throws IllegalArgumentException for another name
   */
  public static SaveMode parse(String name) {
    switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "append":
        return Append;
      case "overwrite":
        return Overwrite;
      case "error":
      case "errorifexists":
      case "default":
        return ErrorIfExists;
      case "ignore":
        return Ignore;
      default:
        throw new IllegalArgumentException(
            "Unknown save mode: "
                + name
                + ". Accepted save modes are 'overwrite', 'append', 'ignore', 'error',"
                + " 'errorifexists', 'default'.");
    }
  }
}
