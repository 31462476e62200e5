package dev.sluice.io.sink;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Where a streaming query's result goes, one batch at a time: Spark's {@code Sink.addBatch}.
 *
 * <p>A facade calls {@link #addBatch} once per batch, in batch order, from one thread, with all the
 * rows the batch outputs (for complete mode: the whole result table). Implementations must make a
 * batch visible all at once (never a partial batch) and must treat a second call with a batch id
 * they already committed as a no-op, so a batch replayed after a restart is not written twice.
 *
 * <pre>{@code
 * BatchSink sink = ConsoleSink.of(ConsoleTable.of(schema));
 * sink.addBatch(0, schema, rows);   // prints "Batch: 0" and the table
 * }</pre>
 */
public interface BatchSink extends Serializable {
  /**
   * Writes batch {@code batchId}.
   *
   * @throws Exception if the batch could not be written; the query fails with it
   */
  void addBatch(long batchId, Schema schema, List<Row> rows) throws Exception;

  /** The sink as Spark's progress names it, e.g. {@code FileSink[out/]}. */
  String description();
}
