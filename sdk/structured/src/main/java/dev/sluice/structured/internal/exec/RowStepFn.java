package dev.sluice.structured.internal.exec;

import dev.sluice.structured.internal.expr.EvalContext;
import java.time.ZoneId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * Applies a {@link RowFunction} to the rows of a query's stream and passes every other element (end
 * markers, event-time reports, summaries) through unchanged.
 *
 * <pre>{@code
 * stream.apply("Filter", ParDo.of(new RowStepFn(RowFunction.filter(p), zone)));
 * }</pre>
 */
public final class RowStepFn extends DoFn<StreamElement, StreamElement> {
  private final RowFunction function;
  private final ZoneId zone;

  public RowStepFn(RowFunction function, ZoneId zone) {
    this.function = function;
    this.zone = zone;
  }

  @ProcessElement
  public void process(@Element StreamElement e, OutputReceiver<StreamElement> out) {
    if (e.kind() != StreamElement.Kind.ROW) {
      out.output(e);
      return;
    }
    EvalContext context = EvalContext.of(System.currentTimeMillis(), zone);
    for (Row row : function.apply(e.row(), context)) {
      out.output(StreamElement.row(e.batch(), row));
    }
  }
}
