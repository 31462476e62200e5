package dev.sluice.io.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.schema.DdlSchema;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link MemorySink} and {@link MemoryTables}. */
@RunWith(JUnit4.class)
public class MemorySinkTest {
  private static final Schema COUNTS = DdlSchema.parse("word STRING, count BIGINT");

  private final MemoryTables tables = new MemoryTables();
  private final RunContext run = RunContext.open();

  {
    tables.attachTo(run);
  }

  @After
  public void closeRun() {
    run.close();
  }

  private static Row count(String word, long n) {
    return Row.withSchema(COUNTS).addValues(word, n).build();
  }

  @Test
  public void completeModeReplacesTheTable() {
    MemorySink sink = MemorySink.of("complete-counts", "Complete", run.runId());
    sink.addBatch(0, COUNTS, List.of(count("a", 1)));
    sink.addBatch(1, COUNTS, List.of(count("a", 2), count("b", 1)));
    MemoryTables.MemoryTable table = tables.get("complete-counts");
    assertThat(table.rows(), contains(count("a", 2), count("b", 1)));
    assertThat(table.lastBatchId(), is(1L));
    assertThat(table.schema(), is(COUNTS));
    assertThat(
        table.batches(), contains(List.of(count("a", 1)), List.of(count("a", 2), count("b", 1))));
    assertThrows(UnsupportedOperationException.class, () -> table.rows().add(count("x", 0)));
  }

  @Test
  public void appendAndUpdateAddRowsAndReplayedBatchesAreSkipped() {
    for (String mode : List.of("append", "update")) {
      String name = mode + "-counts";
      MemorySink sink = MemorySink.of(name, mode, run.runId());
      sink.addBatch(0, COUNTS, List.of(count("a", 1)));
      sink.addBatch(1, COUNTS, List.of(count("b", 1)));
      sink.addBatch(1, COUNTS, List.of(count("b", 1))); // replay
      assertThat(tables.get(name).rows(), contains(count("a", 1), count("b", 1)));
      assertThat(
          tables.get(name).batches(), contains(List.of(count("a", 1)), List.of(count("b", 1))));
    }
  }

  @Test
  public void createStartsAnEmptyTableAndMissingTablesAreNamed() {
    tables.create("fresh", COUNTS);
    assertThat(tables.get("fresh").rows().isEmpty(), is(true));
    assertThat(tables.get("fresh").lastBatchId(), is(-1L));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tables.get("missing"));
    assertThat(e.getMessage(), containsString("fresh"));
    tables.remove("fresh");
    assertThat(tables.find("fresh") == null, is(true));
    assertThrows(IllegalArgumentException.class, () -> MemorySink.of("q", "upsert", run.runId()));
  }

  @Test
  public void catalogsAreSeparateAndASinkOutsideItsRunSaysWhatNeedsTheDriver() {
    MemoryTables other = new MemoryTables();
    MemorySink.of("mine", "append", run.runId()).addBatch(0, COUNTS, List.of(count("a", 1)));
    assertThat(other.find("mine") == null, is(true));
    assertThat(tables.get("mine").rows(), contains(count("a", 1)));

    MemorySink gone = MemorySink.of("gone", "append", "no-such-run");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> gone.addBatch(0, COUNTS, List.of()));
    assertThat(e.getMessage(), containsString("The memory sink"));
    assertThat(e.getMessage(), containsString("driver's JVM"));
    try (RunContext bare = RunContext.open()) {
      IllegalStateException none =
          assertThrows(
              IllegalStateException.class,
              () -> MemorySink.of("t", "append", bare.runId()).addBatch(0, COUNTS, List.of()));
      assertThat(none.getMessage(), containsString("attachTo(run)"));
    }
  }
}
