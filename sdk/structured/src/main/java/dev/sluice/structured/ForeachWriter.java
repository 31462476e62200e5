package dev.sluice.structured;

import java.io.Serializable;
import org.apache.beam.sdk.values.Row;

/**
 * The row-by-row sink of {@code writeStream().foreach(..)} (Spark's {@code ForeachWriter}): per
 * batch, {@link #open} (skip the batch by returning false), {@link #process} for each row, {@link
 * #close} with the error if one happened. Sluice calls it with partition 0 (one writer per batch).
 *
 * <pre>{@code
 * query = events.writeStream().foreach(new ForeachWriter() {
 *   public boolean open(long partitionId, long epochId) { return true; }
 *   public void process(Row row) { System.out.println(row); }
 *   public void close(Throwable error) {}
 * }).start();
 * }</pre>
 */
public abstract class ForeachWriter implements Serializable {
  private static final long serialVersionUID = 1L;

  public abstract boolean open(long partitionId, long epochId);

  public abstract void process(Row row);

  public abstract void close(Throwable errorOrNull);
}
