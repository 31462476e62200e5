package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.explode;
import static dev.sluice.structured.Functions.split;
import static dev.sluice.structured.Functions.window;
import static dev.sluice.structured.internal.expr.Fixtures.UTC;
import static dev.sluice.structured.internal.expr.Fixtures.es;
import static dev.sluice.structured.internal.expr.Fixtures.instant;
import static org.junit.Assert.assertEquals;

import dev.sluice.io.schema.DdlSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Spark's windowed word count (programming guide) with the pieces a facade would chain: a
 * Projection (split + explode), an Aggregation over sliding windows, accumulators merged per key,
 * and a RowOrdering of the result.
 */
public class WindowedWordCountTest {
  private static final Schema LINES = DdlSchema.parse("value STRING, timestamp TIMESTAMP");

  @Test
  public void countsWordsPerSlidingWindow() {
    Projection words =
        Projection.of(LINES, es(explode(split(col("value"), " ")).as("word"), col("timestamp")));
    Aggregation counts =
        Aggregation.of(
            words.outputSchema(),
            es(window(col("timestamp"), "10 minutes", "5 minutes"), col("word")),
            es(count("*").as("count")));
    Map<Row, Row> state = new LinkedHashMap<>();
    String[][] input = {
      {"cat dog", "2024-01-15T12:07:00Z"},
      {"dog dog", "2024-01-15T12:08:00Z"},
      {"owl cat", "2024-01-15T12:14:00Z"}
    };
    for (String[] line : input) {
      Row row = Row.withSchema(LINES).addValues(line[0], instant(line[1])).build();
      for (Row word : words.apply(row, UTC)) {
        for (Row key : counts.keysOf(word, UTC)) {
          // half of the rows go through a separate accumulator and a merge, as a combiner would
          Row partial = counts.add(counts.createAccumulator(), word, UTC);
          state.merge(key, partial, counts::merge);
        }
      }
    }
    List<Row> result = new ArrayList<>();
    state.forEach((key, acc) -> result.add(counts.result(key, acc)));
    result.sort(
        RowOrdering.of(
            counts.outputSchema(), es(col("window.start"), col("count").desc(), col("word"))));
    Map<String, Long> actual = new TreeMap<>();
    for (Row r : result) {
      actual.put(
          r.getRow("window").getDateTime("start").toString().substring(11, 16)
              + " "
              + r.getString("word"),
          r.getInt64("count"));
    }
    Map<String, Long> expected = new TreeMap<>();
    expected.put("12:00 cat", 1L);
    expected.put("12:00 dog", 3L);
    expected.put("12:05 cat", 2L);
    expected.put("12:05 dog", 3L);
    expected.put("12:05 owl", 1L);
    expected.put("12:10 cat", 1L);
    expected.put("12:10 owl", 1L);
    assertEquals(expected, actual);
    assertEquals("dog", result.get(0).getString("word"));
    assertEquals(
        "struct<window:struct<start:timestamp,end:timestamp>,word:string,count:bigint>",
        dev.sluice.io.schema.SparkTypes.simpleString(counts.outputSchema()));
  }
}
