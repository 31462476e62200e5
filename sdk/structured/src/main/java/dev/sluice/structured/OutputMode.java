package dev.sluice.structured;

/**
 * How a query's result reaches its sink each batch (Spark's output modes).
 *
 * <pre>{@code
 * query = counts.writeStream().outputMode(OutputMode.Update()).format("console").start();
 * OutputMode.parse("update");   // UPDATE, what outputMode("update") uses
 * }</pre>
 */
public enum OutputMode {
  /** Only rows that are final: new rows of a stateless query, windows the watermark closed. */
  APPEND,
  /** Only rows changed in the batch. */
  UPDATE,
  /** The whole result table, every batch. */
  COMPLETE;

  /** Spark's {@code OutputMode.Append()}. */
  public static OutputMode Append() {
    return APPEND;
  }

  /** Spark's {@code OutputMode.Update()}. */
  public static OutputMode Update() {
    return UPDATE;
  }

  /** Spark's {@code OutputMode.Complete()}. */
  public static OutputMode Complete() {
    return COMPLETE;
  }

  /** Spark's names: append, update, complete (any case). */
  public static OutputMode parse(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "append":
        return APPEND;
      case "update":
        return UPDATE;
      case "complete":
        return COMPLETE;
      default:
        throw new IllegalArgumentException(
            "Unknown output mode "
                + name
                + ". Accepted output modes are 'append', 'complete', 'update'");
    }
  }

  /** Spark's name of the mode, e.g. {@code Append}. */
  public String sparkName() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
