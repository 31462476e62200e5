package dev.sluice.io.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedResults;
import dev.sluice.io.stream.BatchedResults.ByBatch;
import dev.sluice.io.stream.BatchingReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.Row;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link MemoryStream} and {@link MemoryStreamSource}. */
@RunWith(JUnit4.class)
public class MemoryStreamTest {
  private static final Schema WORDS = DdlSchema.parse("word STRING, n INT");

  /** The run that reads the streams (its context holds them). */
  private final RunContext run = RunContext.open();

  @After
  public void closeRun() {
    run.close();
  }

  private static Row row(String word, int n) {
    return Row.withSchema(WORDS).addValues(word, n).build();
  }

  private static List<String> words(List<Row> rows) {
    return rows.stream().map(r -> r.getString("word")).collect(Collectors.toList());
  }

  @Test
  public void addDataReturnsOffsetsFromZero() {
    MemoryStream s = MemoryStream.of(WORDS);
    assertThat(s.currentOffset(), is(-1L));
    assertThat(s.addData(row("a", 1)), is(0L));
    assertThat(s.addData(List.of(row("b", 2), row("c", 3))), is(1L));
    assertThat(s.currentOffset(), is(1L));
  }

  @Test
  public void availableNowOnTheDirectRunnerTakesWhatWasAddedAsOneBatch() {
    MemoryStream s = MemoryStream.of(WORDS);
    s.addData(row("a", 1), row("b", 2));
    s.addData(row("c", 3));
    String key = BatchedResults.newKey();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(s.read(run).withTrigger(BatchTrigger.availableNow()))
        .apply(BatchedResults.collectInto(key));
    p.run().waitUntilFinish();
    ByBatch<Row> batches = new ByBatch<>(BatchedResults.collected(key));
    assertThat(words(batches.of(0)), containsInAnyOrder("a", "b", "c"));
    assertThat(batches.ends.keySet(), contains(0L, 1L));
    assertThat(batches.ends.get(0L).numInputRows(), is(3L));
    assertThat(batches.ends.get(0L).endOffset(), is("1"));
    assertThat(batches.ends.get(1L).hasData(), is(false));
    assertThat(
        batches.ends.get(0L).description(),
        is("MemoryStream[word#" + s.id() + ",n#" + s.id() + "]"));
  }

  @Test
  public void eachTriggerTakesEverythingAddedSinceThePreviousBatch() throws Exception {
    MemoryStream s = MemoryStream.of(WORDS);
    MemoryStreamSource.Source source =
        s.read(run).withTrigger(BatchTrigger.processingTime(0)).unboundedSource();
    List<Batched<Row>> out = new ArrayList<>();
    BatchingReader<Row> reader = BatchedResults.readUntil(source, 0, 1_000, out, l -> false);
    assertThat(out, is(empty()));

    s.addData(row("a", 1));
    s.addData(row("b", 2));
    List<Batched<Row>> got = drain(reader, 4);
    assertThat(
        BatchedResults.describe(got),
        contains("0:[a, 1]", "0:[b, 2]", "0:end(true,2,null,1)", "1:end(false,0,1,1)"));
    s.addData(row("c", 3));
    reader = BatchedResults.restart(source, reader);
    List<Batched<Row>> after = new ArrayList<>();
    if (reader.start()) {
      after.add(reader.getCurrent());
    }
    after.addAll(drain(reader, 2 - after.size()));
    assertThat(BatchedResults.describe(after), contains("2:[c, 3]", "2:end(true,1,1,2)"));
    reader.close();
  }

  private static List<Batched<Row>> drain(BatchingReader<Row> reader, int n) throws Exception {
    List<Batched<Row>> got = new ArrayList<>();
    long deadline = System.currentTimeMillis() + BatchedResults.HANG_GUARD_MILLIS;
    while (got.size() < n && System.currentTimeMillis() < deadline) {
      if (reader.advance()) {
        got.add(reader.getCurrent());
      } else {
        Thread.sleep(2);
      }
    }
    return got;
  }

  @Test
  public void restartsFromCheckpointsInsideABatchLoseAndRepeatNothing() throws Exception {
    MemoryStream s = MemoryStream.of(WORDS);
    for (int i = 0; i < 5; i++) {
      s.addData(row("w" + i, i), row("x" + i, i));
    }
    MemoryStreamSource.Source source =
        s.read(run).withTrigger(BatchTrigger.availableNow()).unboundedSource();
    List<Batched<Row>> straight =
        BatchedResults.readAll(source, 0, BatchedResults.HANG_GUARD_MILLIS);
    assertThat(straight.size(), is(10 + 2));
    for (int every : new int[] {1, 3}) {
      assertThat(
          BatchedResults.describe(
              BatchedResults.readAll(source, every, BatchedResults.HANG_GUARD_MILLIS)),
          is(BatchedResults.describe(straight)));
    }
  }

  @Test
  public void rowsOfAnotherSchemaAreRejectedWithAClearError() {
    MemoryStream s = MemoryStream.of(WORDS);
    Row wrong = Row.withSchema(DdlSchema.parse("word STRING, n LONG")).addValues("a", 1L).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.addData(wrong));
    assertThat(e.getMessage(), containsString("field 1 is n bigint, not n int"));
    assertThrows(IllegalArgumentException.class, () -> s.addValues("a"));
  }

  @Test
  public void addValuesFillsASingleColumnAndTheTransformSerializes() {
    MemoryStream s = MemoryStream.of(DdlSchema.parse("value INT"));
    assertThat(s.addValues(1, 2, 3), is(0L));
    MemoryStreamSource copy = SerializableUtils.clone(s.read(run));
    assertThat(copy.streamId(), is(s.id()));
    assertThat(copy.runId(), is(run.runId()));
  }

  @Test
  public void aReaderOutsideItsRunSaysTheStreamNeedsTheDriver() throws Exception {
    MemoryStream s = MemoryStream.of(WORDS);
    s.addData(row("a", 1));
    MemoryStreamSource.Source source;
    try (RunContext other = RunContext.open()) {
      source = s.read(other).withTrigger(BatchTrigger.availableNow()).unboundedSource();
    }
    BatchingReader<Row> reader = source.createReader(PipelineOptionsFactory.create(), null);
    IllegalStateException e = assertThrows(IllegalStateException.class, reader::start);
    assertThat(e.getMessage(), containsString("A MemoryStream"));
    assertThat(e.getMessage(), containsString("driver's JVM"));
    reader.close();
    assertThrows(IllegalArgumentException.class, () -> s.read(null));
  }
}
