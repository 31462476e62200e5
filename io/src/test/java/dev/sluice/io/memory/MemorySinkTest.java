package dev.sluice.io.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link MemorySink} and {@link MemoryTables}. */
@RunWith(JUnit4.class)
public class MemorySinkTest {
  private static final Schema COUNTS = DdlSchema.parse("word STRING, count BIGINT");

  private static Row count(String word, long n) {
    return Row.withSchema(COUNTS).addValues(word, n).build();
  }

  @Test
  public void completeModeReplacesTheTable() {
    MemorySink sink = MemorySink.of("complete-counts", "Complete");
    sink.addBatch(0, COUNTS, List.of(count("a", 1)));
    sink.addBatch(1, COUNTS, List.of(count("a", 2), count("b", 1)));
    MemoryTables.MemoryTable table = MemoryTables.get("complete-counts");
    assertThat(table.rows(), contains(count("a", 2), count("b", 1)));
    assertThat(table.lastBatchId(), is(1L));
    assertThat(table.schema(), is(COUNTS));
    assertThrows(UnsupportedOperationException.class, () -> table.rows().add(count("x", 0)));
    MemoryTables.remove("complete-counts");
  }

  @Test
  public void appendAndUpdateAddRowsAndReplayedBatchesAreSkipped() {
    for (String mode : List.of("append", "update")) {
      String name = mode + "-counts";
      MemorySink sink = MemorySink.of(name, mode);
      sink.addBatch(0, COUNTS, List.of(count("a", 1)));
      sink.addBatch(1, COUNTS, List.of(count("b", 1)));
      sink.addBatch(1, COUNTS, List.of(count("b", 1))); // replay
      assertThat(MemoryTables.get(name).rows(), contains(count("a", 1), count("b", 1)));
      MemoryTables.remove(name);
    }
  }

  @Test
  public void createStartsAnEmptyTableAndMissingTablesAreNamed() {
    MemoryTables.create("fresh", COUNTS);
    assertThat(MemoryTables.get("fresh").rows().isEmpty(), is(true));
    assertThat(MemoryTables.get("fresh").lastBatchId(), is(-1L));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MemoryTables.get("missing"));
    assertThat(e.getMessage(), containsString("fresh"));
    MemoryTables.remove("fresh");
    assertThrows(IllegalArgumentException.class, () -> MemorySink.of("q", "upsert"));
  }
}
