package dev.sluice.structured;

import dev.sluice.io.sink.BatchSink;
import dev.sluice.io.stream.RunOptions;
import dev.sluice.structured.internal.exec.Checkpoints;
import dev.sluice.structured.internal.exec.NaturalOrdering;
import dev.sluice.structured.internal.exec.QueryCompiler;
import dev.sluice.structured.internal.exec.RunningQuery;
import dev.sluice.structured.internal.exec.SinkSpec;
import dev.sluice.structured.internal.exec.Sinks;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.expr.RowOrdering;
import dev.sluice.structured.internal.plan.Limit;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.Sort;
import dev.sluice.structured.internal.plan.Validation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Describes where and how a streaming frame's query runs, then {@link #start()}s it (Spark's {@code
 * DataStreamWriter}).
 *
 * <pre>{@code
 * StreamingQuery q = counts.writeStream()
 *     .format("console").option("truncate", "false")
 *     .outputMode("complete")
 *     .trigger(Trigger.ProcessingTime("10 seconds"))
 *     .start();
 * }</pre>
 */
public final class DataStreamWriter {
  private final DataFrame frame;
  private String format = "console";
  private OutputMode mode = OutputMode.APPEND;
  private Trigger trigger = Trigger.ProcessingTime(0);
  private final Map<String, String> options = new HashMap<>();
  private String queryName;
  private ForeachWriter foreachWriter;
  private ForeachBatchFunction foreachBatch;

  DataStreamWriter(DataFrame frame) {
    this.frame = frame;
  }

  /** console, memory, json, csv, text, foreach, foreachBatch, noop. */
  public DataStreamWriter format(String format) {
    this.format = format;
    return this;
  }

  public DataStreamWriter outputMode(String mode) {
    this.mode = OutputMode.parse(mode);
    return this;
  }

  public DataStreamWriter outputMode(OutputMode mode) {
    this.mode = mode;
    return this;
  }

  public DataStreamWriter trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  public DataStreamWriter option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataStreamWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamWriter options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  /** The query's name: the memory sink's table name, shown in progress. */
  public DataStreamWriter queryName(String name) {
    this.queryName = name;
    return this;
  }

  public DataStreamWriter foreach(ForeachWriter writer) {
    this.foreachWriter = writer;
    this.format = "foreach";
    return this;
  }

  public DataStreamWriter foreachBatch(ForeachBatchFunction function) {
    this.foreachBatch = function;
    this.format = "foreachBatch";
    return this;
  }

  /** Starts the query writing to {@code path} (file sinks). */
  public StreamingQuery start(String path) {
    option("path", path);
    return start();
  }

  /** Starts the query; it runs until stopped (or, for Once/AvailableNow, until the data ends). */
  public StreamingQuery start() {
    StreamingSession session = frame.session();
    LogicalPlan plan = frame.plan();
    Comparator<Row> ordering = null;
    int limit = -1;
    boolean sorted = false;
    while (plan instanceof Limit || plan instanceof Sort) {
      if (plan instanceof Limit) {
        limit = limit < 0 ? ((Limit) plan).n() : Math.min(limit, ((Limit) plan).n());
        plan = ((Limit) plan).child();
      } else {
        RowOrdering order = ((Sort) plan).ordering();
        ordering = ordering == null ? order : ordering;
        sorted = true;
        plan = ((Sort) plan).child();
      }
    }
    Validation.check(plan, mode, sorted, limit >= 0);
    if (ordering == null && plan.streamingAggregations() > 0) {
      ordering = NaturalOrdering.INSTANCE;
    }
    if (queryName != null && session.streams().activeNamed(queryName) != null) {
      throw new IllegalArgumentException(
          "Cannot start query with name "
              + queryName
              + " as a query with that name is already active in this session");
    }
    if (!options.containsKey("checkpointlocation")) {
      String name = queryName == null ? "query-" + UUID.randomUUID() : queryName;
      session
          .conf()
          .getOption("spark.sql.streaming.checkpointLocation")
          .ifPresent(root -> options.put("checkpointlocation", root + "/" + name));
    }
    BatchSink sink =
        Sinks.create(format, options, plan.schema(), mode, queryName, foreachWriter, foreachBatch);
    String location = options.get("checkpointlocation");
    Checkpoints checkpoint =
        location == null ? null : Checkpoints.open(location, describe(plan), session.shards());
    UUID id = checkpoint == null ? UUID.randomUUID() : checkpoint.queryId();
    UUID runId = UUID.randomUUID();
    Pipeline pipeline = Pipeline.create(pipelineOptions(session));
    QueryCompiler compiler =
        new QueryCompiler(
                pipeline,
                trigger.batchTrigger(),
                runId.toString(),
                session.shards(),
                session.zone())
            .withMode(mode);
    if (checkpoint != null) {
      compiler.withCheckpoint(checkpoint.root().toString(), checkpoint.lastCommitted());
    }
    PCollection<StreamElement> stream = compiler.compile(plan);
    SinkSpec spec =
        SinkSpec.builder()
            .setQueryId(id.toString())
            .setRunId(runId.toString())
            .setName(queryName)
            .setSink(sink)
            .setSchema(plan.schema())
            .setMode(mode)
            .setDelays(compiler.delays())
            .setShards(session.shards())
            .setOrdering(ordering)
            .setLimit(limit)
            .build();
    compiler.compileSink(stream, spec);
    RunningQuery query =
        new RunningQuery(
            session.streams(), id, runId, queryName, compiler.statusKeys(), describe(frame.plan()));
    query.register();
    query.start(pipeline::run);
    return query;
  }

  private static String describe(LogicalPlan plan) {
    StringBuilder s = new StringBuilder();
    describe(plan, 0, s);
    return s.toString();
  }

  private static void describe(LogicalPlan plan, int depth, StringBuilder s) {
    s.append("  ".repeat(depth)).append(plan.nodeName()).append('\n');
    for (LogicalPlan child : plan.children()) {
      describe(child, depth + 1, s);
    }
  }

  static PipelineOptions pipelineOptions(StreamingSession session) {
    RuntimeConfig conf = session.conf();
    String runner = conf.get("sluice.runner", "MicroBatchRunner");
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runner);
    args.add("--appName=" + session.appName());
    conf.getOption("sluice.parallelism")
        .filter(p -> runner.startsWith("MicroBatch"))
        .ifPresent(p -> args.add("--parallelism=" + p));
    for (String extra : conf.get("sluice.pipelineArgs", "").trim().split("\\s+")) {
      if (!extra.isEmpty()) {
        args.add(extra);
      }
    }
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).create();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot make pipeline options "
              + args
              + ": "
              + e.getMessage()
              + " (is the runner's jar, e.g. dev.sluice:sluice-runners-microbatch or"
              + " org.apache.beam:beam-runners-direct-java, on the classpath?)",
          e);
    }
    options.as(StreamingOptions.class).setStreaming(true);
    options.as(RunOptions.class).setBlockOnRun(false);
    return options;
  }
}
