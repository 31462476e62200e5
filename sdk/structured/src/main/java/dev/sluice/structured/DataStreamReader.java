package dev.sluice.structured;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.file.FileStreamSource;
import dev.sluice.io.kafka.KafkaSource;
import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.parquet.ParquetFiles;
import dev.sluice.io.rate.RateSource;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.socket.SocketSource;
import dev.sluice.structured.internal.batch.StreamingRefusals;
import dev.sluice.structured.internal.plan.Source;
import dev.sluice.structured.internal.types.BeamTypes;
import dev.sluice.structured.types.StructType;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Describes a streaming source, then loads it as a streaming frame (Spark's {@code
 * DataStreamReader}).
 *
 * <table>
 *   <caption>Formats and their options</caption>
 *   <tr><th>format</th><th>options</th></tr>
 *   <tr><td>{@code json}, {@code csv}, {@code text} (a directory, new files picked up)</td>
 *       <td>{@code maxFilesPerTrigger}, {@code latestFirst}, {@code maxFileAge}, {@code mode}
 *       (PERMISSIVE / DROPMALFORMED / FAILFAST), {@code columnNameOfCorruptRecord}, CSV's {@code
 *       header} and {@code sep}, {@code timestampFormat} …</td></tr>
 *   <tr><td>{@code parquet} (a directory, new files and {@code col=value/} partitions picked
 *       up)</td><td>{@code maxFilesPerTrigger}, {@code latestFirst}, {@code maxFileAge}, {@code
 *       ignoreCorruptFiles}; schema from the files with {@code
 *       spark.sql.streaming.schemaInference}</td></tr>
 *   <tr><td>{@code kafka}</td><td>{@code kafka.bootstrap.servers}, one of {@code subscribe} /
 *       {@code subscribePattern} / {@code assign}, {@code startingOffsets}, {@code endingOffsets},
 *       {@code maxOffsetsPerTrigger}, {@code minOffsetsPerTrigger}, {@code maxTriggerDelay},
 *       {@code failOnDataLoss}, {@code includeHeaders}, {@code kafka.*} (io-kafka's
 *       README)</td></tr>
 *   <tr><td>{@code socket}</td><td>{@code host}, {@code port}, {@code includeTimestamp}</td></tr>
 *   <tr><td>{@code rate}</td><td>{@code rowsPerSecond}, {@code rampUpTime}, {@code
 *       numPartitions}</td></tr>
 *   <tr><td>{@code memory}</td><td>{@link #memory(MemoryStream)}: a {@link MemoryStream} tests
 *       add data to</td></tr>
 * </table>
 *
 * <pre>{@code
 * DataFrame events = session.readStream()
 *     .schema("id STRING, action STRING, ts TIMESTAMP")
 *     .option("maxFilesPerTrigger", 1)
 *     .json("data/mobile");
 * DataFrame lines = session.readStream().format("socket")
 *     .option("host", "localhost").option("port", 9999).load();
 * }</pre>
 */
public final class DataStreamReader {
  private final StreamingSession session;
  private String format = "parquet";
  private Schema schema;
  private final Map<String, String> options = new HashMap<>();

  DataStreamReader(StreamingSession session) {
    this.session = session;
  }

  public DataStreamReader format(String format) {
    this.format = format.toLowerCase(Locale.ROOT);
    return this;
  }

  /** The schema as a Beam schema (the rows' schema). */
  public DataStreamReader schema(Schema schema) {
    this.schema = schema;
    return this;
  }

  /**
   * The schema as Spark's {@link StructType}, e.g. {@code new StructType().add("id",
   * DataTypes.IntegerType, false).add("name", DataTypes.StringType)}.
   */
  public DataStreamReader schema(StructType schema) {
    this.schema = BeamTypes.toBeam(schema);
    return this;
  }

  /** The schema as Spark DDL: {@code "id STRING, ts TIMESTAMP"}. */
  public DataStreamReader schema(String ddl) {
    this.schema = DdlSchema.parse(ddl);
    return this;
  }

  public DataStreamReader option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataStreamReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamReader option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataStreamReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamReader options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  public DataFrame json(String path) {
    return format("json").load(path);
  }

  public DataFrame csv(String path) {
    return format("csv").load(path);
  }

  public DataFrame text(String path) {
    return format("text").load(path);
  }

  /**
   * New Parquet files of directory {@code path} (Hive-style {@code col=value/} subdirectories are
   * read as columns). Without {@link #schema}, the schema is the files' when {@code
   * spark.sql.streaming.schemaInference} is true, as in Spark.
   */
  public DataFrame parquet(String path) {
    return format("parquet").load(path);
  }

  /**
   * A stream of the rows tests add to {@code stream}. As Spark's {@code MemoryStream}, it is read
   * in the driver's JVM: each query reading it keeps it in its run's context while it runs.
   */
  public DataFrame memory(MemoryStream stream) {
    return frame(
        "MemoryStream[" + String.join(",", stream.schema().getFieldNames()) + "]",
        stream.schema(),
        (trigger, key, log) ->
            stream
                .read(RunContext.require(key.runId(), "A MemoryStream"))
                .withTrigger(trigger)
                .withStatusKey(key)
                .withLog(log));
  }

  /** A source that needs no path: socket, rate. */
  public DataFrame load() {
    switch (format) {
      case "socket":
        return socket();
      case "rate":
        RateSource rate = RateSource.create().withOptions(options);
        return frame(
            "RateStreamV2[rowsPerSecond=" + rate.rowsPerSecond() + "]",
            RateSource.SCHEMA,
            (trigger, key, log) -> rate.withTrigger(trigger).withStatusKey(key).withLog(log));
      case "kafka":
        return kafka();
      case "json":
      case "csv":
      case "text":
      case "parquet":
        String path = options.get("path");
        if (path == null) {
          throw new IllegalArgumentException(
              "A "
                  + format
                  + " source needs a directory: use load(\"dir\") or "
                  + format
                  + "(\"dir\")");
        }
        return load(path);
      default:
        throw unknownFormat();
    }
  }

  /** A file source watching directory {@code path}. */
  public DataFrame load(String path) {
    boolean parquet = format.equals("parquet");
    if (!parquet && !format.equals("json") && !format.equals("csv") && !format.equals("text")) {
      if (format.equals("socket") || format.equals("rate")) {
        throw new IllegalArgumentException(
            "The " + format + " source takes no path: use load() with its options");
      }
      throw unknownFormat();
    }
    boolean infer =
        parquet
            && Boolean.parseBoolean(
                session.conf().get("spark.sql.streaming.schemaInference", "false"));
    if (schema == null && !format.equals("text") && !infer) {
      throw new IllegalArgumentException(
          "Schema must be specified when creating a streaming source DataFrame: add"
              + " .schema(\"id STRING, ts TIMESTAMP\") (Spark DDL) or .schema(structType) before ."
              + format
              + "(\""
              + path
              + "\"); a stream cannot infer it from files that have not arrived yet"
              + (parquet
                  ? " (or set spark.sql.streaming.schemaInference to true to take the schema of"
                      + " the Parquet files present at start)"
                  : ""));
    }
    Map<String, String> parserOptions = new HashMap<>(options);
    FileStreamSource source =
        parquet ? ParquetFiles.source(schema, path) : FileStreamSource.format(format, schema, path);
    String maxFiles = parserOptions.remove("maxfilespertrigger");
    if (maxFiles != null) {
      source = source.withMaxFilesPerTrigger(positive("maxFilesPerTrigger", maxFiles));
    }
    String latestFirst = parserOptions.remove("latestfirst");
    if (latestFirst != null) {
      source = source.withLatestFirst(Boolean.parseBoolean(latestFirst));
    }
    String maxFileAge = parserOptions.remove("maxfileage");
    if (maxFileAge != null) {
      source = source.withMaxFileAge(maxFileAge);
    }
    parserOptions.remove("path");
    FileStreamSource configured = source.withOptions(parserOptions);
    return frame(
        "FileStreamSource[" + Paths.get(path).toAbsolutePath().toUri() + "]",
        configured.outputSchema(),
        (trigger, key, log) -> configured.withTrigger(trigger).withStatusKey(key).withLog(log));
  }

  private DataFrame kafka() {
    KafkaSource kafka = KafkaSource.read().withOptions(options).validate();
    String subscription;
    if (options.containsKey("subscribe")) {
      subscription = "Subscribe[" + options.get("subscribe") + "]";
    } else if (options.containsKey("subscribepattern")) {
      subscription = "SubscribePattern[" + options.get("subscribepattern") + "]";
    } else {
      subscription = "Assign[" + options.get("assign") + "]";
    }
    return frame(
        "KafkaV2[" + subscription + "]",
        kafka.schema(),
        (trigger, key, log) -> kafka.withTrigger(trigger).withStatusKey(key).withLog(log));
  }

  private DataFrame socket() {
    String host = options.get("host");
    String port = options.get("port");
    if (host == null || port == null) {
      throw new IllegalArgumentException(
          "The socket source needs option(\"host\", ...) and option(\"port\", ...), e.g."
              + " .option(\"host\", \"localhost\").option(\"port\", 9999)");
    }
    SocketSource socket =
        SocketSource.of(host, positive("port", port))
            .withIncludeTimestamp(
                Boolean.parseBoolean(options.getOrDefault("includetimestamp", "false")));
    return frame(
        "TextSocketV2[host: " + host + ", port: " + port + "]",
        socket.outputSchema(),
        (trigger, key, log) -> socket.withTrigger(trigger).withStatusKey(key).withLog(log));
  }

  private DataFrame frame(String description, Schema schema, Source.Factory factory) {
    return new DataFrame(session, new Source(description, schema, factory));
  }

  private IllegalArgumentException unknownFormat() {
    StreamingRefusals.checkSource(format);
    return new IllegalArgumentException(
        "Unknown streaming source format '"
            + format
            + "'. Sluice reads kafka, json, csv, text, parquet, socket and rate (and MemoryStream"
            + " through"
            + " memory(stream))");
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "Invalid value '" + value + "' for option '" + option + "': must be a positive integer");
  }
}
