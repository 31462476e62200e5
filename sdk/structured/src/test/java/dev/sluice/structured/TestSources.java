package dev.sluice.structured;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedCoder;
import dev.sluice.structured.internal.plan.Source;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;

/**
 * A scripted stream for tests: batch {@code i} holds the rows of {@code batches.get(i)}, followed
 * by one no-data marker, as a source under {@code Trigger.AvailableNow()} emits them. Built on
 * Beam's {@code Create}, so the whole script is available at once and the source is bounded.
 */
public final class TestSources {
  private TestSources() {}

  public static DataFrame scripted(
      StreamingSession session, Schema schema, List<List<Row>> batches) {
    List<TimestampedValue<Batched<Row>>> elements = new ArrayList<>();
    for (int b = 0; b <= batches.size(); b++) {
      boolean data = b < batches.size();
      if (data) {
        for (Row row : batches.get(b)) {
          elements.add(TimestampedValue.of(Batched.record(b, row), Batched.timestampOf(b)));
        }
      }
      BatchEnd end =
          BatchEnd.builder()
              .setBatch(b)
              .setHasData(data)
              .setNumInputRows(data ? batches.get(b).size() : 0)
              .setDescription("ScriptedSource")
              .setStartOffset(b == 0 ? null : Integer.toString(b - 1))
              .setEndOffset(Integer.toString(b))
              .setTriggerTimeMillis(System.currentTimeMillis())
              .build();
      elements.add(TimestampedValue.of(Batched.end(end), Batched.timestampOf(b)));
    }
    Source source =
        new Source(
            "ScriptedSource",
            schema,
            (trigger, statusKey, log) ->
                Create.timestamped(elements).withCoder(BatchedCoder.of(RowCoder.of(schema))));
    return new DataFrame(session, source);
  }
}
