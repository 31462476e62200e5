package dev.sluice.structured.internal.plan;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * A streaming source: {@code readStream().format(..).load(..)}. The Beam transform is made when the
 * query starts, because it depends on the query's trigger.
 *
 * <pre>{@code
 * new Source("FileStreamSource[in/]", schema, (trigger, statusKey, log) -> FileStreamSource...);
 * }</pre>
 */
public final class Source extends LogicalPlan {
  /** Makes the source's Beam transform for a query's trigger. */
  @FunctionalInterface
  public interface Factory {
    /**
     * The transform reading the source; {@code statusKey} names the query's run (whose {@link
     * dev.sluice.io.context.RunContext} is open in the driver while the transform is made) and the
     * source, under which it reports its progress to {@link dev.sluice.io.stream.SourceStatus};
     * {@code log} is where it records its batches for a restart (null without a checkpoint
     * location).
     */
    PTransform<PBegin, PCollection<Batched<Row>>> create(
        BatchTrigger trigger, StatusKey statusKey, @Nullable SourceLog log);
  }

  private final String description;
  private final Factory factory;

  public Source(String description, Schema schema, Factory factory) {
    super(schema);
    this.description = description;
    this.factory = factory;
  }

  public String description() {
    return description;
  }

  public Factory factory() {
    return factory;
  }

  @Override
  public List<LogicalPlan> children() {
    return Collections.emptyList();
  }

  @Override
  public boolean isStreaming() {
    return true;
  }

  @Override
  public String nodeName() {
    return "StreamingRelation " + description;
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
