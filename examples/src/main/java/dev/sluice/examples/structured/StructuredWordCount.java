package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.explode;
import static dev.sluice.structured.Functions.split;

import dev.sluice.structured.DataFrame;

/**
 * The Structured version of {@code wordcount-socket}: the lines of a socket source split on spaces,
 * one row per word, counted over the whole stream (complete mode prints the running totals).
 *
 * <pre>{@code
 * DataFrame lines = spark.readStream().format("socket")
 *     .option("host", "localhost").option("port", 9999).load();
 * StructuredWordCount.wordCounts(lines)
 *     .writeStream().outputMode("complete").format("console").start()
 *     .awaitTermination();
 * }</pre>
 */
public final class StructuredWordCount {
  private StructuredWordCount() {}

  /** {@code lines} (a {@code value} column) as running counts per word. */
  public static DataFrame wordCounts(DataFrame lines) {
    DataFrame words = lines.select(explode(split(col("value"), " ")).alias("word"));
    return words.groupBy("word").count();
  }
}
