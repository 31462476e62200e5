package dev.sluice.structured;

import dev.sluice.io.memory.MemoryTables;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.internal.exec.Sinks;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.plan.LocalRelation;
import dev.sluice.structured.internal.sql.SqlQueries;
import dev.sluice.structured.internal.types.BeamTypes;
import dev.sluice.structured.types.StructType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The entry point of the Structured Streaming facade (Spark's {@code SparkSession}): reads streams,
 * makes static frames, runs SQL over views and memory tables, and holds the running queries.
 *
 * <pre>{@code
 * StreamingSession session = StreamingSession.builder().appName("mobile").getOrCreate();
 * DataFrame events = session.readStream().schema("id STRING, action STRING, ts TIMESTAMP")
 *     .json("data/mobile");
 * events.groupBy(col("action")).count()
 *     .writeStream().format("console").outputMode("complete").start()
 *     .awaitTermination();
 * }</pre>
 *
 * <p>Queries run on {@code MicroBatchRunner} unless {@code sluice.runner} names another Beam runner
 * (see {@link RuntimeConfig}); the runner is found on the classpath by name at run time.
 */
public final class StreamingSession {
  private static volatile StreamingSession active;

  private final String appName;
  private final RuntimeConfig conf;
  private final StreamingQueryManager streams = new StreamingQueryManager();
  private final Map<String, DataFrame> views = new ConcurrentHashMap<>();

  /** The memory sinks' tables of this session's queries (driver-side, as Spark's). */
  private final MemoryTables memoryTables = new MemoryTables();

  private StreamingSession(String appName, Map<String, String> conf) {
    this.appName = appName;
    this.conf = new RuntimeConfig(conf);
  }

  /** Starts building (or finding) the session. */
  public static Builder builder() {
    return new Builder();
  }

  /** The session {@link Builder#getOrCreate()} last returned, or a new default one. */
  public static StreamingSession active() {
    StreamingSession s = active;
    return s != null ? s : builder().getOrCreate();
  }

  /** Builder of {@link StreamingSession} (Spark's {@code SparkSession.Builder}). */
  public static final class Builder {
    private String appName = "sluice";
    private final Map<String, String> conf = new HashMap<>();

    public Builder appName(String name) {
      this.appName = name;
      return this;
    }

    /**
     * Spark's {@code master("local[N]")}: N worker threads ({@code --parallelism=N}) for
     * MicroBatchRunner; {@code local[*]} uses all cores.
     */
    public Builder master(String master) {
      String m = master.trim();
      if (m.startsWith("local[") && m.endsWith("]")) {
        String n = m.substring(6, m.length() - 1);
        if (!n.equals("*")) {
          conf.put("sluice.parallelism", Integer.toString(Integer.parseInt(n)));
        }
      } else if (!m.equals("local")) {
        throw new IllegalArgumentException(
            "Sluice runs queries on Beam runners, not Spark masters: use master(\"local[N]\")"
                + " or config(\"sluice.runner\", \"FlinkRunner\") for a cluster runner; got "
                + master);
      }
      return this;
    }

    public Builder config(String key, String value) {
      conf.put(key, value);
      return this;
    }

    public Builder config(String key, long value) {
      return config(key, Long.toString(value));
    }

    public Builder config(String key, boolean value) {
      return config(key, Boolean.toString(value));
    }

    /** The active session with these settings applied, or a new one. */
    @SuppressWarnings("LockOnNonEnclosingClassLiteral") // guards StreamingSession.active
    public StreamingSession getOrCreate() {
      synchronized (StreamingSession.class) {
        if (active == null) {
          active = new StreamingSession(appName, conf);
        } else {
          conf.forEach(active.conf::set);
        }
        return active;
      }
    }
  }

  MemoryTables memoryTables() {
    return memoryTables;
  }

  public String appName() {
    return appName;
  }

  public RuntimeConfig conf() {
    return conf;
  }

  /**
   * The Spark version whose semantics Sluice follows: {@value #SPARK_VERSION}. Spark's {@code
   * spark.version} is the version of the running engine; here it names the release whose API,
   * messages and output (console tables, errors, JSON progress) the facade reproduces and is tested
   * against. Sluice's own version is its Maven artifact's.
   */
  public String version() {
    return SPARK_VERSION;
  }

  /** The Spark release the facade follows; see {@link #version()}. */
  public static final String SPARK_VERSION = "4.0.1";

  /**
   * Sets the log level, as {@code spark.sparkContext.setLogLevel(level)}; see {@link
   * SparkContext#setLogLevel}.
   *
   * @throws IllegalArgumentException unless {@code level} is one of ALL, DEBUG, ERROR, FATAL, INFO,
   *     OFF, TRACE, WARN
   */
  public void setLogLevel(String level) {
    sparkContext().setLogLevel(level);
  }

  /** Spark's {@code sparkContext()}: the log level, application name and version. */
  public SparkContext sparkContext() {
    return new SparkContext(this);
  }

  /** Starts describing a streaming source. */
  public DataStreamReader readStream() {
    return new DataStreamReader(this);
  }

  /** Starts describing a static source: files or a JDBC table (see {@link DataFrameReader}). */
  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  /** The session's queries. */
  public StreamingQueryManager streams() {
    return streams;
  }

  /**
   * A static frame of {@code rows} with a Beam schema; values are taken by position.
   *
   * @throws IllegalArgumentException if a row has another number of values, or a value of another
   *     type than its column's
   */
  public DataFrame createDataFrame(List<Row> rows, Schema schema) {
    List<Row> checked = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.getFieldCount() != schema.getFieldCount()) {
        throw new IllegalArgumentException(
            "Row "
                + row
                + " has "
                + row.getFieldCount()
                + " values but the schema has "
                + schema.getFieldCount()
                + " columns");
      }
      checked.add(row.getSchema().equals(schema) ? row : retyped(row, schema, checked.size()));
    }
    return new DataFrame(this, new LocalRelation(schema, checked));
  }

  private static Row retyped(Row row, Schema schema, int index) {
    try {
      return Row.withSchema(schema).addValues(row.getValues()).build();
    } catch (ClassCastException | IllegalArgumentException e) {
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Object value = row.getValue(i);
        Schema.Field field = schema.getField(i);
        try {
          Row.withSchema(Schema.of(field)).addValue(value).build();
        } catch (ClassCastException | IllegalArgumentException bad) {
          throw new IllegalArgumentException(
              "Row "
                  + index
                  + ": the value "
                  + value
                  + (value == null ? "" : " (a " + value.getClass().getSimpleName() + ")")
                  + " does not fit column `"
                  + field.getName()
                  + "` of type "
                  + dev.sluice.io.schema.SparkTypes.simpleString(field.getType())
                  + (field.getType().getNullable() ? "" : " NOT NULL")
                  + "; give a value of the column's type (e.g. a Long for bigint, a Joda Instant"
                  + " for timestamp)",
              bad);
        }
      }
      throw e;
    }
  }

  /**
   * A static frame of {@code rows} with Spark's schema type; values are taken by position, so rows
   * from {@link RowFactory#create} fit any schema whose types match.
   *
   * <pre>{@code
   * import dev.sluice.structured.types.*;
   *
   * StructType schema = new StructType()
   *     .add("event_id", DataTypes.IntegerType)
   *     .add("user_id", DataTypes.StringType);
   * DataFrame df = session.createDataFrame(List.of(RowFactory.create(1, "alice")), schema);
   * }</pre>
   *
   * @throws IllegalArgumentException if a row does not fit the schema
   */
  public DataFrame createDataFrame(List<Row> rows, StructType schema) {
    return createDataFrame(rows, BeamTypes.toBeam(schema));
  }

  /** A static frame of {@code rows} with a DDL schema ({@code "id STRING, n INT"}). */
  public DataFrame createDataFrame(List<Row> rows, String ddlSchema) {
    return createDataFrame(rows, DdlSchema.parse(ddlSchema));
  }

  /** The temp view or memory-sink table named {@code name}. */
  public DataFrame table(String name) {
    DataFrame view = views.get(name.toLowerCase(Locale.ROOT));
    if (view != null) {
      return view;
    }
    DataFrame memory = Sinks.memoryTable(this, name);
    if (memory != null) {
      return memory;
    }
    throw new AnalysisException(
        "Table or view not found: "
            + name
            + ". Register one with createOrReplaceTempView(\""
            + name
            + "\") or start a query with format(\"memory\").queryName(\""
            + name
            + "\")");
  }

  /** Runs a SQL {@code SELECT} over temp views and memory tables (see {@link SqlQueries}). */
  public DataFrame sql(String query) {
    return SqlQueries.run(this, query);
  }

  /** Stops every active query. */
  public void stop() {
    for (StreamingQuery q : streams.active()) {
      q.stop();
    }
  }

  void registerView(String name, DataFrame frame) {
    views.put(name.toLowerCase(Locale.ROOT), frame);
  }

  ZoneId zone() {
    return ZoneId.of(conf.get("spark.sql.session.timeZone", "UTC"));
  }

  EvalContext evalContext() {
    return EvalContext.of(System.currentTimeMillis(), zone());
  }

  int shards() {
    String value =
        conf.get(
            "spark.sql.shuffle.partitions",
            Integer.toString(Runtime.getRuntime().availableProcessors()));
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "spark.sql.shuffle.partitions must be a positive integer, but was '" + value + "'");
    }
  }
}
