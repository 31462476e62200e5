package dev.sluice.structured.testing;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.memory.MemoryTables;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryException;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.Trigger;
import dev.sluice.structured.internal.ApiAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Spark's streaming test DSL ({@code testStream(df)(AddData, CheckAnswer, …)}) for Sluice: add rows
 * to {@link MemoryStream}s, then check what the query output, batch by batch. Each check first
 * waits for everything added so far to be processed ({@link StreamingQuery#processAllAvailable()},
 * which includes the no-data batch a moved watermark makes). Rows are compared by their values, in
 * any order.
 *
 * <pre>{@code
 * import static dev.sluice.structured.testing.StreamTest.*;
 *
 * MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING, ts TIMESTAMP"));
 * DataFrame counts = session.readStream().memory(input)
 *     .withWatermark("ts", "10 seconds")
 *     .groupBy(window(col("ts"), "5 seconds")).count();
 * StreamTest.of(counts, OutputMode.Append())
 *     .addData(input, row("a", seconds(10)), row("b", seconds(11)))
 *     .checkNewAnswer()                                   // nothing final yet
 *     .addData(input, row("c", seconds(25)))              // watermark moves to 15 s
 *     .checkNewAnswer(row(window(seconds(10), seconds(15)), 2L))   // [10 s, 15 s) is final
 *     .assertWatermark("1970-01-01T00:00:15.000Z")
 *     .stop();
 * }</pre>
 *
 * <p>What "the answer" is depends on the output mode: in complete mode the last batch's table; in
 * append and update mode every row output so far ({@link #checkAnswer}), or since the last check
 * ({@link #checkNewAnswer}). Failures are {@link AssertionError}s that show expected and actual.
 *
 * <p>As Spark's, the query writes to a memory sink (a table of the session named {@code
 * streamtest-<uuid>}, which is also the query's name), so a test runs where the pipeline runs in
 * the driver's JVM (MicroBatchRunner, the DirectRunner).
 */
public final class StreamTest {
  /**
   * How long {@link #expectFailure} waits for the query to end: only a guard against a query that
   * never fails, long enough for a heavily loaded machine.
   */
  private static final long FAILURE_HANG_GUARD_MILLIS = 10 * 60_000;

  private final DataFrame frame;
  private final OutputMode mode;
  private final String table = "streamtest-" + UUID.randomUUID();
  private StreamingQuery query;
  private int checked;

  private StreamTest(DataFrame frame, OutputMode mode) {
    this.frame = frame;
    this.mode = mode;
  }

  /** A test of streaming {@code frame}'s query in {@code mode}; nothing runs until a step does. */
  public static StreamTest of(DataFrame frame, OutputMode mode) {
    return new StreamTest(frame, mode);
  }

  /** Expected row values, for the checks. */
  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** The instant {@code seconds} after the epoch, for timestamp columns. */
  public static Instant seconds(long seconds) {
    return new Instant(seconds * 1000);
  }

  /** The instant of an ISO-8601 text such as {@code 2018-03-02T10:02:00Z}. */
  public static Instant at(String iso) {
    return Instant.parse(iso);
  }

  /** The value of a {@code window} column: its start and end. */
  public static List<Object> window(Instant start, Instant end) {
    return Arrays.asList(start, end);
  }

  private StreamingQuery query() {
    if (query == null) {
      query =
          frame
              .writeStream()
              .format("memory")
              .queryName(table)
              .outputMode(mode)
              .trigger(Trigger.ProcessingTime(0))
              .start();
    }
    return query;
  }

  /** Adds one batch of rows to {@code stream} (values in the stream's column order). */
  @SafeVarargs
  public final StreamTest addData(MemoryStream stream, List<Object>... rows) {
    query();
    List<Row> data = new ArrayList<>();
    for (List<Object> values : rows) {
      data.add(Row.withSchema(stream.schema()).addValues(values).build());
    }
    stream.addData(data);
    return this;
  }

  /** Waits until everything added is processed. */
  public StreamTest processAllAvailable() {
    query().processAllAvailable();
    return this;
  }

  private MemoryTables tables() {
    return ApiAccess.memoryTables(ApiAccess.session(frame));
  }

  private List<List<Row>> batches() {
    processAllAvailable();
    MemoryTables.MemoryTable written = tables().find(table);
    return written == null ? List.of() : written.batches();
  }

  /** The whole answer so far (see the class documentation) equals {@code rows}. */
  @SafeVarargs
  public final StreamTest checkAnswer(List<Object>... rows) {
    List<List<Row>> batches = batches();
    List<Row> actual = new ArrayList<>();
    if (mode == OutputMode.COMPLETE) {
      if (!batches.isEmpty()) {
        actual.addAll(batches.get(batches.size() - 1));
      }
    } else {
      batches.forEach(actual::addAll);
    }
    checked = batches.size();
    return compare("checkAnswer", actual, rows);
  }

  /** The rows output since the previous check equal {@code rows}. */
  @SafeVarargs
  public final StreamTest checkNewAnswer(List<Object>... rows) {
    List<List<Row>> batches = batches();
    List<Row> actual = new ArrayList<>();
    for (int i = checked; i < batches.size(); i++) {
      actual.addAll(batches.get(i));
    }
    checked = batches.size();
    return compare("checkNewAnswer", actual, rows);
  }

  /** The last batch's rows equal {@code rows}. */
  @SafeVarargs
  public final StreamTest checkLastBatch(List<Object>... rows) {
    List<List<Row>> batches = batches();
    checked = batches.size();
    return compare(
        "checkLastBatch", batches.isEmpty() ? List.of() : batches.get(batches.size() - 1), rows);
  }

  /** The number of batches run so far is {@code n}. */
  public StreamTest checkBatchCount(int n) {
    int actual = batches().size();
    if (actual != n) {
      throw new AssertionError("Expected " + n + " batches to have run, but " + actual + " did");
    }
    return this;
  }

  /** The watermark of the last batch is {@code iso} ({@code 2018-03-02T10:15:00.000Z}). */
  public StreamTest assertWatermark(String iso) {
    processAllAvailable();
    StreamingQueryProgress last = query().lastProgress();
    String actual = last == null ? null : last.eventTime().get("watermark");
    if (!iso.equals(actual)) {
      throw new AssertionError("Expected the watermark to be " + iso + " but it is " + actual);
    }
    return this;
  }

  /** The query fails with {@code type} and a message containing {@code message}. */
  public StreamTest expectFailure(Class<? extends Throwable> type, String message) {
    try {
      query().processAllAvailable();
      query().awaitTermination(FAILURE_HANG_GUARD_MILLIS);
    } catch (StreamingQueryException e) {
      Throwable cause = e.getCause();
      if (!type.isInstance(cause) || !String.valueOf(cause.getMessage()).contains(message)) {
        throw new AssertionError(
            "Expected failure " + type.getName() + " containing '" + message + "' but got " + cause,
            e);
      }
      return this;
    }
    throw new AssertionError("Expected the query to fail with " + type.getName() + ", it did not");
  }

  /** The running query (started by the first step). */
  public StreamingQuery streamingQuery() {
    return query();
  }

  /** Stops the query and forgets its output. */
  public void stop() {
    if (query != null) {
      query.stop();
    }
    tables().remove(table);
  }

  /** Values as comparable text: rows and lists as [..], instants in ISO-8601. */
  static String normalize(Object value) {
    if (value instanceof Row) {
      return normalize(((Row) value).getValues());
    }
    if (value instanceof List) {
      return ((List<?>) value)
          .stream().map(StreamTest::normalize).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof org.joda.time.ReadableInstant) {
      return new org.joda.time.Instant(((org.joda.time.ReadableInstant) value).getMillis())
          .toString();
    }
    return Objects.toString(value);
  }

  private StreamTest compare(String step, List<Row> actual, List<Object>[] expected) {
    List<String> a =
        actual.stream().map(StreamTest::normalize).sorted().collect(Collectors.toList());
    List<String> e =
        Arrays.stream(expected).map(StreamTest::normalize).sorted().collect(Collectors.toList());
    if (!a.equals(e)) {
      throw new AssertionError(step + " failed.\nExpected: " + e + "\nActual:   " + a);
    }
    return this;
  }
}
