package dev.sluice.io.kafka;

import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.BatchedSource;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.Row;

/**
 * The Beam source behind {@link KafkaSource}: one {@link KafkaSourceReader} per source (batch
 * numbers are global to it), checkpoints holding the planned offset ranges.
 *
 * <pre>{@code
 * KafkaUnboundedSource source = KafkaSource.read().withBootstrapServers(servers)
 *     .withSubscribe("events").unboundedSource();
 * }</pre>
 */
final class KafkaUnboundedSource extends BatchedSource<Row> {
  private static final long serialVersionUID = 1L;

  private final KafkaSourceOptions options;

  KafkaUnboundedSource(
      KafkaSourceOptions options,
      BatchTrigger trigger,
      @Nullable StatusKey key,
      @Nullable SourceLog log) {
    super(trigger, key, log, RowCoder.of(KafkaSchemas.schema(options.includeHeaders)));
    this.options = options;
  }

  KafkaSourceOptions options() {
    return options;
  }

  /** Spark's description: {@code KafkaV2[Subscribe[events]]}. */
  String description() {
    return "KafkaV2[" + options.strategyDescription() + "]";
  }

  @Override
  protected BatchingReader<Row> openReader(
      PipelineOptions pipelineOptions, @Nullable BatchCheckpoint checkpoint) {
    return new KafkaSourceReader(this, checkpoint);
  }
}
