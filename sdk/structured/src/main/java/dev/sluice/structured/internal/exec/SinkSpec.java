package dev.sluice.structured.internal.exec;

import com.google.auto.value.AutoValue;
import dev.sluice.io.sink.BatchSink;
import dev.sluice.structured.OutputMode;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Everything the sink step of a query needs to know.
 *
 * <pre>{@code
 * SinkSpec.builder().setQueryId(id).setRunId(runId).setSink(sink).setSchema(schema)
 *     .setMode(OutputMode.COMPLETE).setDelays(Map.of()).setShards(4).build();
 * }</pre>
 */
@AutoValue
public abstract class SinkSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  public abstract String queryId();

  public abstract String runId();

  @Nullable
  public abstract String name();

  public abstract BatchSink sink();

  public abstract Schema schema();

  public abstract OutputMode mode();

  /** Watermark steps and their delays, for progress reports. */
  public abstract Map<String, Long> delays();

  /** Shards of the stateful steps, for progress reports. */
  public abstract int shards();

  /** Sorts each batch's rows before the sink sees them; null keeps arrival order. */
  @Nullable
  public abstract Comparator<Row> ordering();

  /** Rows the sink may receive: per batch in complete mode, in total otherwise; -1 for no limit. */
  public abstract int limit();

  /**
   * Where the sink step writes each batch's progress report for a driver that does not share the
   * pipeline's JVM; null: progress goes only to the in-JVM listener of the query's context.
   */
  @Nullable
  public abstract ProgressLog progressLog();

  public static Builder builder() {
    return new AutoValue_SinkSpec.Builder().setLimit(-1);
  }

  /** Builder of {@link SinkSpec}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setQueryId(String id);

    public abstract Builder setRunId(String runId);

    public abstract Builder setName(@Nullable String name);

    public abstract Builder setSink(BatchSink sink);

    public abstract Builder setSchema(Schema schema);

    public abstract Builder setMode(OutputMode mode);

    public abstract Builder setDelays(Map<String, Long> delays);

    public abstract Builder setShards(int shards);

    public abstract Builder setOrdering(@Nullable Comparator<Row> ordering);

    public abstract Builder setLimit(int limit);

    public abstract Builder setProgressLog(@Nullable ProgressLog log);

    public abstract SinkSpec build();
  }
}
