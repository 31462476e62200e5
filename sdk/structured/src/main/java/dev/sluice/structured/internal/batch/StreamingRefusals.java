package dev.sluice.structured.internal.batch;

import java.util.Locale;

/**
 * The batch-only data sources a stream cannot use, refused as Spark refuses them and with the way
 * to do it instead: {@code writeStream().format("jdbc")} is Spark's {@code Data source jdbc does
 * not support streamed writing}, plus the {@code foreachBatch} recipe.
 *
 * <pre>{@code
 * StreamingRefusals.checkSink("jdbc");   // UnsupportedOperationException with the recipe
 * StreamingRefusals.checkSink("console"); // nothing
 * }</pre>
 */
public final class StreamingRefusals {
  /** The recipe for writing a stream to a database. */
  public static final String JDBC_RECIPE =
      "Write each micro-batch with foreachBatch and the static JDBC writer instead:\n"
          + "  df.writeStream().foreachBatch((batch, batchId) ->\n"
          + "      batch.withColumn(\"batch_id\", lit(batchId))\n"
          + "          .write().mode(\"append\").jdbc(url, \"table\", properties))\n"
          + "    .option(\"checkpointLocation\", \"...\").start();\n"
          + "Each batch is written in one transaction, so a batch_id already in the table means"
          + " that batch was written: skip it when it is replayed after a restart (see"
          + " docs/structured-streaming.md, \"Static reads and writes, JDBC\").";

  private StreamingRefusals() {}

  /**
   * Refuses a sink format streams cannot write.
   *
   * @throws UnsupportedOperationException for {@code jdbc}
   */
  public static void checkSink(String format) {
    if (format != null && format.trim().toLowerCase(Locale.ROOT).equals("jdbc")) {
      throw new UnsupportedOperationException(
          "Data source jdbc does not support streamed writing. " + JDBC_RECIPE);
    }
  }

  /**
   * Refuses a source format streams cannot read.
   *
   * @throws UnsupportedOperationException for {@code jdbc}
   */
  public static void checkSource(String format) {
    if (format != null && format.trim().toLowerCase(Locale.ROOT).equals("jdbc")) {
      throw new UnsupportedOperationException(
          "Data source jdbc does not support streamed reading: read the table statically with"
              + " session.read().jdbc(url, table, properties) (or format(\"jdbc\")), e.g. to join"
              + " it with a stream");
    }
  }
}
