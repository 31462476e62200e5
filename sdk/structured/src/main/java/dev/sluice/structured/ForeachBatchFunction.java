package dev.sluice.structured;

import java.io.Serializable;

/**
 * The function of {@code writeStream().foreachBatch(..)}: called once per batch with the batch's
 * output as a static DataFrame.
 *
 * <pre>{@code
 * counts.writeStream().outputMode("update")
 *     .foreachBatch((frame, batchId) -> frame.show())
 *     .start();
 * }</pre>
 */
@FunctionalInterface
public interface ForeachBatchFunction extends Serializable {
  void call(DataFrame batch, long batchId) throws Exception;
}
