package dev.sluice.io.memory;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.schema.SparkTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's {@code MemoryStream} for tests: rows added by the test become the input of a streaming
 * pipeline in the same JVM.
 *
 * <p>A stream is an object of the driver's JVM: {@link #read(RunContext)} puts it in a run's {@link
 * RunContext} and gives the source transform, which carries only the stream's id and the run's, so
 * it can be serialized into a pipeline; its reader finds the rows through the run's context, so it
 * reads only where the pipeline runs in the driver's JVM, while the run is open (as Spark's {@code
 * MemoryStream}, a test source of the driver). Each call of {@link #addData} is one offset
 * (counting from 0, as Spark's); at each trigger the source takes everything added since its
 * previous batch as one batch (with the bounded triggers: what was added before the source first
 * polled). The rows are kept as long as the stream object is reachable.
 *
 * <pre>{@code
 * MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING"));
 * try (RunContext run = RunContext.open()) {
 *   p.apply(input.read(run).withTrigger(BatchTrigger.processingTime(0)));
 *   input.addValues("a", "b");            // offset 0
 *   input.addData(List.of(row1, row2));  // offset 1
 *   ...
 * }
 * }</pre>
 */
public final class MemoryStream {
  /** Stream ids, unique in the JVM as Spark's (they name the columns in progress reports). */
  private static final AtomicLong NEXT_ID = new AtomicLong(1);

  private final long id;
  private final Schema schema;
  private final List<List<Row>> added = new ArrayList<>();

  private MemoryStream(long id, Schema schema) {
    this.id = id;
    this.schema = schema;
  }

  /** A new, empty stream of rows of {@code schema}, with a new id. */
  public static MemoryStream of(Schema schema) {
    if (schema == null) {
      throw new IllegalArgumentException(
          "MemoryStream.of needs the schema of its rows, e.g. DdlSchema.parse(\"value INT\")");
    }
    return new MemoryStream(NEXT_ID.getAndIncrement(), schema);
  }

  /** The name under which a run's context keeps the stream of id {@code id}. */
  static String contextName(long id) {
    return "io.memoryStream/" + id;
  }

  /**
   * The stream of id {@code id} that run {@code runId} reads.
   *
   * @throws IllegalStateException if the run is not open in this JVM (see {@link RunContext})
   */
  static MemoryStream inRun(String runId, long id) {
    RunContext run = RunContext.require(runId, "A MemoryStream (a test source of the driver)");
    MemoryStream stream = run.get(contextName(id), MemoryStream.class);
    if (stream == null) {
      throw new IllegalStateException(
          "Run "
              + runId
              + " does not read MemoryStream "
              + id
              + ": build its source with stream.read(run) for the run that reads it");
    }
    return stream;
  }

  public long id() {
    return id;
  }

  public Schema schema() {
    return schema;
  }

  /**
   * The source reading this stream in {@code run}: the stream is kept in the run's context until
   * the run closes; see {@link MemoryStreamSource}.
   */
  public MemoryStreamSource read(RunContext run) {
    if (run == null || !run.isOpen()) {
      throw new IllegalArgumentException(
          "MemoryStream.read needs the open RunContext of the run that reads it: "
              + "try (RunContext run = RunContext.open()) { p.apply(stream.read(run)); ... }");
    }
    run.put(contextName(id), this);
    return MemoryStreamSource.of(id, run.runId(), schema, description());
  }

  /**
   * Adds rows as one offset.
   *
   * @return the new offset (0 for the first call)
   * @throws IllegalArgumentException if a row does not fit the stream's schema
   */
  public long addData(Row... rows) {
    return addData(Arrays.asList(rows));
  }

  /** Adds rows as one offset; see {@link #addData(Row...)}. */
  public long addData(List<Row> rows) {
    if (rows == null) {
      throw new IllegalArgumentException("addData needs rows (an empty list adds an empty offset)");
    }
    List<Row> checked = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      checked.add(conform(rows.get(i), i));
    }
    synchronized (added) {
      added.add(List.copyOf(checked));
      return added.size() - 1L;
    }
  }

  /**
   * Adds one row per value to a stream with a single column, as Spark's {@code addData(1, 2, 3)}.
   *
   * @return the new offset
   */
  public long addValues(Object... values) {
    if (schema.getFieldCount() != 1) {
      throw new IllegalArgumentException(
          "addValues is for single-column streams, but this one has "
              + SparkTypes.simpleString(schema)
              + "; use addData(Row...)");
    }
    List<Row> rows = new ArrayList<>();
    for (Object value : values) {
      rows.add(Row.withSchema(schema).addValue(value).build());
    }
    return addData(rows);
  }

  /** The last offset added; -1 if none. */
  public long currentOffset() {
    synchronized (added) {
      return added.size() - 1L;
    }
  }

  /** The rows of offsets {@code from} (inclusive) to {@code to} (exclusive). */
  List<List<Row>> slice(long from, long to) {
    synchronized (added) {
      return new ArrayList<>(added.subList((int) from, (int) to));
    }
  }

  /** Spark's name in progress reports: {@code MemoryStream[value#1]}. */
  String description() {
    return "MemoryStream["
        + schema.getFieldNames().stream().map(n -> n + "#" + id).collect(Collectors.joining(","))
        + "]";
  }

  private Row conform(Row row, int index) {
    if (row == null) {
      throw new IllegalArgumentException("Row " + index + " is null");
    }
    Schema given = row.getSchema();
    if (given.getFieldCount() != schema.getFieldCount()) {
      throw mismatch(row, index, "it has " + given.getFieldCount() + " fields");
    }
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Field want = schema.getField(i);
      Field have = given.getField(i);
      if (!want.getName().equals(have.getName())
          || !want.getType().equivalent(have.getType(), Schema.EquivalenceNullablePolicy.IGNORE)) {
        throw mismatch(
            row,
            index,
            "field "
                + i
                + " is "
                + have.getName()
                + " "
                + SparkTypes.simpleString(have.getType())
                + ", not "
                + want.getName()
                + " "
                + SparkTypes.simpleString(want.getType()));
      }
      if (row.getValue(i) == null && !want.getType().getNullable()) {
        throw mismatch(row, index, "field " + want.getName() + " is null but NOT NULL");
      }
    }
    return given.equals(schema)
        ? row
        : Row.withSchema(schema).attachValues(new ArrayList<Object>(row.getValues()));
  }

  private IllegalArgumentException mismatch(Row row, int index, String why) {
    return new IllegalArgumentException(
        "Row "
            + index
            + " "
            + row.getValues()
            + " does not fit MemoryStream "
            + id
            + " of "
            + SparkTypes.simpleString(schema)
            + ": "
            + why
            + ". Build rows with Row.withSchema(stream.schema())");
  }
}
