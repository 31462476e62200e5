package dev.sluice.structured.internal.exec;

import dev.sluice.io.sink.BatchSink;
import dev.sluice.io.state.StateStoreConf;
import dev.sluice.io.stream.RunOptions;
import dev.sluice.structured.RuntimeConfig;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.expr.RowOrdering;
import dev.sluice.structured.internal.plan.Limit;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.PlanVisitor;
import dev.sluice.structured.internal.plan.Sort;
import dev.sluice.structured.internal.plan.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.annotation.Nullable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Starts a streaming query: what {@code DataStreamWriter.start()} does, as a list of steps.
 *
 * <ol>
 *   <li>peel the query's last {@code orderBy}/{@code limit} off the plan: the sink applies them;
 *   <li>check the plan against Spark's rules for the output mode ({@link Validation});
 *   <li>refuse a second active query of the same name; default the checkpoint location from {@code
 *       spark.sql.streaming.checkpointLocation};
 *   <li>choose how progress reaches the driver ({@code sluice.progress.channel}): through the run's
 *       context in this JVM, or through the checkpoint's {@link ProgressLog};
 *   <li>open the run's {@link QueryContext} (the driver-side objects of this run, closed when the
 *       query terminates);
 *   <li>create the sink (a transactional Kafka sink is fenced by the query id, read from the
 *       checkpoint), then open the checkpoint (last committed batch);
 *   <li>compile the plan and the sink into a Beam pipeline ({@link QueryCompiler});
 *   <li>run it as a {@link RunningQuery} registered with the session's query manager.
 * </ol>
 *
 * <!-- given: LogicalPlan plan; WriteSettings settings; -->
 *
 * <pre>{@code
 * StreamingQuery q = new QueryStarter(session, plan, settings).start();
 * }</pre>
 */
public final class QueryStarter {
  private final StreamingSession session;
  private final LogicalPlan plan;
  private final WriteSettings settings;

  public QueryStarter(StreamingSession session, LogicalPlan plan, WriteSettings settings) {
    this.session = session;
    this.plan = plan;
    this.settings = settings;
  }

  /** The setting that chooses how progress reaches the driver: {@code jvm} or {@code files}. */
  public static final String PROGRESS_CHANNEL = "sluice.progress.channel";

  /** Starts the query; it runs until stopped (or, for Once/AvailableNow, until the data ends). */
  public StreamingQuery start() {
    SinkOrder order = peelSortAndLimit(plan);
    Validation.check(order.body, settings.mode(), order.sorted, order.limit >= 0);
    requireUniqueName();
    WriteSettings write = withDefaultCheckpointLocation(settings);
    String location = write.options().get("checkpointlocation");
    boolean progressFromFiles = progressFromFiles(session.conf(), location);
    UUID runId = UUID.randomUUID();
    QueryContext context =
        QueryContext.open(runId.toString(), ApiAccess.memoryTables(session), write.consoleOut());
    try {
      return start(order, write, location, progressFromFiles, context);
    } catch (RuntimeException | Error e) {
      context.close();
      throw e;
    }
  }

  private StreamingQuery start(
      SinkOrder order,
      WriteSettings write,
      @Nullable String location,
      boolean progressFromFiles,
      QueryContext context) {
    int requestedShards = ApiAccess.shards(session);
    StateStoreConf stateStore = stateStoreConf(session);
    UUID kept = location == null ? null : Checkpoints.queryIdAt(location);
    UUID id = kept != null ? kept : UUID.randomUUID();
    BatchSink sink =
        Sinks.create(
            write.format(),
            write.options(),
            order.body.schema(),
            write.mode(),
            write.queryName(),
            id.toString(),
            write.foreachWriter(),
            write.foreachBatch(),
            context);
    Checkpoints checkpoint =
        location == null
            ? null
            : Checkpoints.open(location, StateSignature.of(order.body), requestedShards, id);
    int shards = checkpoint == null ? requestedShards : checkpoint.shards();
    String runId = context.runId();

    Pipeline pipeline = Pipeline.create(pipelineOptions(session));
    QueryCompiler compiler =
        new QueryCompiler(pipeline, write.trigger(), runId, shards, ApiAccess.zone(session))
            .withMode(write.mode())
            .withStateStore(stateStore);
    if (checkpoint != null) {
      compiler.withCheckpoint(checkpoint.root().toString(), checkpoint.lastCommitted());
    }
    ProgressLog progressLog =
        progressFromFiles ? ProgressLog.at(checkpoint.root().toString()) : null;
    PCollection<StreamElement> stream = compiler.compile(order.body);
    compiler.compileSink(
        stream,
        SinkSpec.builder()
            .setQueryId(id.toString())
            .setRunId(runId)
            .setName(write.queryName())
            .setSink(sink)
            .setSchema(order.body.schema())
            .setMode(write.mode())
            .setDelays(compiler.delays())
            .setShards(shards)
            .setOrdering(order.ordering(order.body))
            .setLimit(order.limit)
            .setProgressLog(progressLog)
            .build());

    RunningQuery query =
        new RunningQuery(
            session.streams(),
            id,
            context,
            write.queryName(),
            compiler.statusKeys(),
            describe(plan),
            progressLog,
            progressLog == null ? -1 : lastCommittedBatchId(checkpoint));
    query.register();
    query.start(pipeline::run);
    return query;
  }

  /**
   * True if the query's progress comes from the checkpoint's progress log: {@code
   * sluice.progress.channel=files}, the default on runners that do not run the pipeline in the
   * driver's JVM.
   *
   * @throws IllegalArgumentException for another value, or for files without a checkpoint location
   */
  static boolean progressFromFiles(RuntimeConfig conf, @Nullable String checkpointLocation) {
    String runner = conf.get("sluice.runner", "MicroBatchRunner");
    String channel =
        conf.get(PROGRESS_CHANNEL, runsInDriverJvm(runner) ? "jvm" : "files")
            .trim()
            .toLowerCase(Locale.ROOT);
    switch (channel) {
      case "jvm":
        return false;
      case "files":
        if (checkpointLocation == null) {
          throw new IllegalArgumentException(
              "On runner "
                  + runner
                  + " a query's progress reaches the driver through its checkpoint's progress"
                  + " log ("
                  + PROGRESS_CHANNEL
                  + "=files): set option(\"checkpointLocation\", dir) (or"
                  + " spark.sql.streaming.checkpointLocation) to a directory the driver and the"
                  + " workers share; if the runner runs the pipeline in this JVM, set "
                  + PROGRESS_CHANNEL
                  + "=jvm instead");
        }
        return true;
      default:
        throw new IllegalArgumentException(
            PROGRESS_CHANNEL + " is jvm or files, not '" + conf.get(PROGRESS_CHANNEL, "") + "'");
    }
  }

  /** True for the runners known to run a pipeline in the JVM that starts it. */
  static boolean runsInDriverJvm(String runner) {
    String simple = runner.substring(runner.lastIndexOf('.') + 1);
    return simple.equals("MicroBatchRunner")
        || simple.equals("DirectRunner")
        || simple.equals("TestDirectRunner");
  }

  private static long lastCommittedBatchId(Checkpoints checkpoint) {
    try {
      return QueryLog.at(checkpoint.root().toString()).lastCommittedBatchId();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the commit log of the checkpoint " + checkpoint.root(), e);
    }
  }

  /** The plan under its last orderBy/limit, and what the sink must do for them. */
  private static final class SinkOrder {
    LogicalPlan body;
    @Nullable Comparator<Row> ordering;
    int limit = -1;
    boolean sorted;

    /** The sink's order: the query's orderBy, else group order for aggregations. */
    @Nullable
    Comparator<Row> ordering(LogicalPlan body) {
      if (ordering == null && body.streamingAggregations() > 0) {
        return NaturalOrdering.INSTANCE;
      }
      return ordering;
    }
  }

  private static SinkOrder peelSortAndLimit(LogicalPlan plan) {
    SinkOrder order = new SinkOrder();
    order.body = plan;
    PlanVisitor<Boolean> peel =
        new PlanVisitor.Partial<>() {
          @Override
          protected Boolean otherwise(LogicalPlan node) {
            return false;
          }

          @Override
          public Boolean visit(Limit node) {
            order.limit = order.limit < 0 ? node.n() : Math.min(order.limit, node.n());
            order.body = node.child();
            return true;
          }

          @Override
          public Boolean visit(Sort node) {
            RowOrdering ordering = node.ordering();
            order.ordering = order.ordering == null ? ordering : order.ordering;
            order.sorted = true;
            order.body = node.child();
            return true;
          }
        };
    while (order.body.accept(peel)) {
      // peeled one more orderBy or limit
    }
    return order;
  }

  private void requireUniqueName() {
    String name = settings.queryName();
    if (name != null
        && java.util.Arrays.stream(session.streams().active())
            .anyMatch(q -> name.equals(q.name()))) {
      throw new IllegalArgumentException(
          "Cannot start query with name "
              + name
              + " as a query with that name is already active in this session");
    }
  }

  private WriteSettings withDefaultCheckpointLocation(WriteSettings write) {
    if (write.options().containsKey("checkpointlocation")) {
      return write;
    }
    String name = write.queryName() == null ? "query-" + UUID.randomUUID() : write.queryName();
    return session
        .conf()
        .getOption("spark.sql.streaming.checkpointLocation")
        .map(root -> write.withOption("checkpointlocation", root + "/" + name))
        .orElse(write);
  }

  /**
   * The state store configuration of the session ({@code spark.sql.streaming.stateStore.*}),
   * checked now so a bad value fails {@code start()}, not a batch on a worker.
   */
  static StateStoreConf stateStoreConf(StreamingSession session) {
    StateStoreConf conf = StateStoreConf.fromOptions(session.conf().getAll());
    conf.checkAvailable();
    return conf;
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

  /** The Beam options of the session's queries: its runner, parallelism and extra arguments. */
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
