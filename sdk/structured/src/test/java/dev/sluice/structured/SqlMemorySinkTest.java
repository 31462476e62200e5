package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Test;

/** The memory sink queried with {@code session.sql}, temp views, and static frames' actions. */
public class SqlMemorySinkTest {
  private static final Schema WORDS = DdlSchema.parse("word STRING, n INT");
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  private static Row word(String w, int n) {
    return Row.withSchema(WORDS).addValues(w, n).build();
  }

  private static List<String> values(DataFrame frame) {
    return frame.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .collect(Collectors.toList());
  }

  @Test
  public void completeModeMemoryTableIsQueryableBySql() {
    MemoryStream in = MemoryStream.of(WORDS);
    String table = "word_counts_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .groupBy("word")
            .count()
            .writeStream()
            .format("memory")
            .queryName(table)
            .outputMode("complete")
            .start();
    try {
      in.addData(List.of(word("a", 1), word("b", 1), word("a", 2)));
      q.processAllAvailable();
      DataFrame frequent =
          session.sql("SELECT word, count FROM " + table + " WHERE count > 1 ORDER BY word");
      assertThat(frequent.isStreaming(), equalTo(false));
      assertThat(values(frequent), equalTo(List.of("[a, 2]")));
      in.addData(List.of(word("b", 3), word("c", 1)));
      q.processAllAvailable();
      // complete mode replaces the table; the same SQL frame reads the table when it runs, as
      // Spark's memory sink table does
      assertThat(values(frequent), equalTo(List.of("[a, 2]", "[b, 2]")));
      assertThat(
          values(session.sql("SELECT word, count FROM " + table + " ORDER BY count DESC, word")),
          equalTo(List.of("[a, 2]", "[b, 2]", "[c, 1]")));
    } finally {
      q.stop();
    }
  }

  @Test
  public void completeModeOrderByReachesTheMemoryTableInOrder() {
    MemoryStream in = MemoryStream.of(WORDS);
    String table = "ordered_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .groupBy("word")
            .count()
            .orderBy(col("count").desc(), col("word"))
            .writeStream()
            .format("memory")
            .queryName(table)
            .outputMode("complete")
            .start();
    try {
      in.addData(List.of(word("b", 1), word("c", 1), word("c", 1), word("a", 1)));
      q.processAllAvailable();
      assertThat(values(session.table(table)), equalTo(List.of("[c, 2]", "[a, 1]", "[b, 1]")));
    } finally {
      q.stop();
    }
  }

  @Test
  public void appendModeMemoryTableCollectsEveryBatch() {
    MemoryStream in = MemoryStream.of(WORDS);
    String table = "appended_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .filter(col("n").gt(1))
            .writeStream()
            .format("memory")
            .queryName(table)
            .start();
    try {
      in.addData(List.of(word("a", 1), word("b", 2)));
      q.processAllAvailable();
      in.addData(List.of(word("c", 3)));
      q.processAllAvailable();
      assertThat(
          values(session.sql("SELECT word FROM " + table + " ORDER BY word")),
          equalTo(List.of("[b]", "[c]")));
      assertThat(session.table(table).count(), equalTo(2L));
    } finally {
      q.stop();
    }
  }

  @Test
  public void aRestartedMemoryQueryStartsAFreshTable() {
    String table = "restarted_" + System.nanoTime();
    for (String value : List.of("first run", "second run")) {
      MemoryStream in = MemoryStream.of(WORDS);
      StreamingQuery q =
          session.readStream().memory(in).writeStream().format("memory").queryName(table).start();
      try {
        // Spark: the table exists, empty, as soon as the query starts
        assertThat(values(session.sql("SELECT word FROM " + table)), equalTo(List.of()));
        in.addData(List.of(word(value, 1)));
        q.processAllAvailable();
        assertThat(values(session.table(table)), equalTo(List.of("[" + value + ", 1]")));
      } finally {
        q.stop();
      }
    }
  }

  @Test
  public void tempViewOverStaticFrameAndShow() {
    DataFrame people =
        session.createDataFrame(
            List.of(word("alpha", 3), word("beta", 1), word("gamma", 2)), "word STRING, n INT");
    people.createOrReplaceTempView("people");
    DataFrame big = session.sql("SELECT upper(word) AS w, n FROM people WHERE n >= 2 ORDER BY n");
    assertThat(big.isStreaming(), equalTo(false));
    assertThat(values(big), equalTo(List.of("[GAMMA, 2]", "[ALPHA, 3]")));
    String expected =
        "+-----+---+\n"
            + "|    w|  n|\n"
            + "+-----+---+\n"
            + "|GAMMA|  2|\n"
            + "|ALPHA|  3|\n"
            + "+-----+---+\n";
    assertThat(big.showString(20, true), equalTo(expected));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      big.show();
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8), equalTo(expected + "\n"));
    assertThat(
        big.showString(1, true),
        equalTo(
            "+-----+---+\n|    w|  n|\n+-----+---+\n|GAMMA|  2|\n+-----+---+\n"
                + "only showing top 1 row\n"));
    // replacing the view changes what later SQL sees
    session.createDataFrame(List.of(word("delta", 9)), WORDS).createOrReplaceTempView("people");
    assertThat(values(session.sql("SELECT word FROM people")), equalTo(List.of("[delta]")));
  }

  @Test
  public void sqlOverAStreamingViewIsStreaming() {
    MemoryStream in = MemoryStream.of(WORDS);
    session.readStream().memory(in).createOrReplaceTempView("words_stream");
    DataFrame counts =
        session.sql(
            "SELECT word, count(*) AS c, sum(n) AS total FROM words_stream GROUP BY word"
                + " HAVING c > 1");
    assertThat(counts.isStreaming(), equalTo(true));
    AnalysisException e = assertThrows(AnalysisException.class, counts::collectAsList);
    assertThat(e.getMessage(), containsString("writeStream"));
    String table = "having_" + System.nanoTime();
    StreamingQuery q =
        counts.writeStream().format("memory").queryName(table).outputMode("complete").start();
    try {
      in.addData(List.of(word("a", 1), word("a", 2), word("b", 5)));
      q.processAllAvailable();
      assertThat(values(session.table(table)), equalTo(List.of("[a, 2, 3]")));
    } finally {
      q.stop();
    }
  }

  @Test
  public void unknownTableNamesHowToRegisterIt() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> session.sql("SELECT * FROM nowhere_table"));
    assertThat(e.getMessage(), containsString("createOrReplaceTempView(\"nowhere_table\")"));
    assertThat(e.getMessage(), containsString("queryName(\"nowhere_table\")"));
  }
}
