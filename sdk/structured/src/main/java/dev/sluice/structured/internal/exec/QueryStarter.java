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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  /** Starts the query; it runs until stopped (or, for Once/AvailableNow, until the data ends). */
  public StreamingQuery start() {
    SinkOrder order = peelSortAndLimit(plan);
    Validation.check(order.body, settings.mode(), order.sorted, order.limit >= 0);
    requireUniqueName();
    WriteSettings write = withDefaultCheckpointLocation(settings);
    String location = write.options().get("checkpointlocation");
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
            write.foreachBatch());
    Checkpoints checkpoint =
        location == null
            ? null
            : Checkpoints.open(location, StateSignature.of(order.body), requestedShards, id);
    int shards = checkpoint == null ? requestedShards : checkpoint.shards();
    UUID runId = UUID.randomUUID();

    Pipeline pipeline = Pipeline.create(pipelineOptions(session));
    QueryCompiler compiler =
        new QueryCompiler(
                pipeline, write.trigger(), runId.toString(), shards, ApiAccess.zone(session))
            .withMode(write.mode())
            .withStateStore(stateStore);
    if (checkpoint != null) {
      compiler.withCheckpoint(checkpoint.root().toString(), checkpoint.lastCommitted());
    }
    PCollection<StreamElement> stream = compiler.compile(order.body);
    compiler.compileSink(
        stream,
        SinkSpec.builder()
            .setQueryId(id.toString())
            .setRunId(runId.toString())
            .setName(write.queryName())
            .setSink(sink)
            .setSchema(order.body.schema())
            .setMode(write.mode())
            .setDelays(compiler.delays())
            .setShards(shards)
            .setOrdering(order.ordering(order.body))
            .setLimit(order.limit)
            .build());

    RunningQuery query =
        new RunningQuery(
            session.streams(), id, runId, write.queryName(), compiler.statusKeys(), describe(plan));
    query.register();
    query.start(pipeline::run);
    return query;
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
