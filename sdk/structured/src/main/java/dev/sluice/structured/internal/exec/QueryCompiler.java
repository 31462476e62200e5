package dev.sluice.structured.internal.exec;

import dev.sluice.io.checkpoint.CheckpointLayout;
import dev.sluice.io.state.StateStoreConf;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.internal.plan.Aggregate;
import dev.sluice.structured.internal.plan.Deduplicate;
import dev.sluice.structured.internal.plan.Filter;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.plan.Limit;
import dev.sluice.structured.internal.plan.LocalRelation;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.PlanVisitor;
import dev.sluice.structured.internal.plan.Plans;
import dev.sluice.structured.internal.plan.Project;
import dev.sluice.structured.internal.plan.Sort;
import dev.sluice.structured.internal.plan.Source;
import dev.sluice.structured.internal.plan.SubqueryAlias;
import dev.sluice.structured.internal.plan.Union;
import dev.sluice.structured.internal.plan.Validation;
import dev.sluice.structured.internal.plan.Watermark;
import dev.sluice.structured.internal.plan.Windowed;
import dev.sluice.structured.internal.state.AggregateFn;
import dev.sluice.structured.internal.state.DeduplicateFn;
import dev.sluice.structured.internal.state.JoinTimeBounds;
import dev.sluice.structured.internal.state.PreAggregateFn;
import dev.sluice.structured.internal.state.ShardFn;
import dev.sluice.structured.internal.state.StateLocation;
import dev.sluice.structured.internal.state.StatefulOperatorFn;
import dev.sluice.structured.internal.state.StaticJoin;
import dev.sluice.structured.internal.state.StepCheckpoints;
import dev.sluice.structured.internal.state.StreamJoinFn;
import dev.sluice.structured.internal.watermark.WatermarkFn;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * Compiles the logical plan of a streaming query into a Beam pipeline: sources become their Beam
 * transforms, stateless nodes {@link RowStepFn}s, stateful nodes a routing step and a keyed {@link
 * StatefulOperatorFn} (state stores under the checkpoint, or runner state), and the sink a
 * single-key {@link SinkFn}.
 * <!-- given: Pipeline pipeline; BatchTrigger trigger; String runId; LogicalPlan plan; SinkSpec sinkSpec; -->
 *
 * <pre>{@code
 * QueryCompiler compiler = new QueryCompiler(pipeline, trigger, runId, 4, ZoneId.of("UTC"));
 * compiler.compileSink(compiler.compile(plan), sinkSpec);
 * pipeline.run();
 * }</pre>
 */
public final class QueryCompiler {
  private final Pipeline pipeline;
  private final BatchTrigger trigger;
  private final String runId;
  private final int shards;
  private final ZoneId zone;
  private final List<StatusKey> statusKeys = new ArrayList<>();
  private final Map<String, Long> delays = new HashMap<>();
  private int operators;
  private int steps;
  @Nullable private String checkpointRoot;
  private long resumeAfter = -1;
  private StateStoreConf stateStore = StateStoreConf.defaults();

  public QueryCompiler(
      Pipeline pipeline, BatchTrigger trigger, String runId, int shards, ZoneId zone) {
    this.pipeline = pipeline;
    this.trigger = trigger;
    this.runId = runId;
    this.shards = shards;
    this.zone = zone;
  }

  /**
   * Makes the compiled query keep Spark's checkpoint under {@code root}: source positions ({@code
   * sources/<i>}), the state stores of the stateful operators ({@code state/<operator>/<shard>},
   * see {@link #withStateStore}), the sink's snapshot ({@code state/sink}) and the commit log
   * ({@code commits}); it resumes after batch {@code resumeAfter} (-1: a fresh start).
   */
  public QueryCompiler withCheckpoint(String root, long resumeAfter) {
    this.checkpointRoot = root;
    this.resumeAfter = resumeAfter;
    return this;
  }

  /**
   * The state store the stateful operators use when the query has a checkpoint location (from the
   * session's {@code spark.sql.streaming.stateStore.*} settings); it travels with the compiled
   * operators.
   */
  public QueryCompiler withStateStore(StateStoreConf conf) {
    this.stateStore = conf;
    return this;
  }

  /** {@code fn} keeping its state in state stores under the checkpoint, if there is one. */
  private <M> StatefulOperatorFn<M> stateful(StatefulOperatorFn<M> fn, int operator) {
    if (checkpointRoot == null) {
      return fn;
    }
    return fn.storeStateIn(new StateLocation(checkpointRoot, operator, resumeAfter, stateStore));
  }

  private <S extends java.io.Serializable> BatchStepFn<S> checkpointed(
      BatchStepFn<S> fn, String step, @Nullable String commits) {
    if (checkpointRoot == null) {
      return fn;
    }
    return fn.checkpointTo(
        new StepCheckpoints(
            Paths.get(checkpointRoot, "state", step).toString(), resumeAfter, commits));
  }

  /** The keys under which the query's sources report to {@code SourceStatus}. */
  public List<StatusKey> statusKeys() {
    return Collections.unmodifiableList(statusKeys);
  }

  /** Watermark steps of the compiled plan and their delays (complete after compiling). */
  public Map<String, Long> delays() {
    return Collections.unmodifiableMap(delays);
  }

  /** The number of stateful operators compiled. */
  public int operators() {
    return operators;
  }

  /** Compiles {@code plan} and attaches the sink step made from {@code spec}. */
  public void compileSink(PCollection<StreamElement> stream, SinkSpec spec) {
    stream
        .apply("KeySink", WithKeys.<Integer, StreamElement>of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), StreamElementCoder.of(spec.schema())))
        .apply(
            "Sink",
            ParDo.of(
                checkpointed(
                    new SinkFn(spec)
                        .withLog(checkpointRoot == null ? null : QueryLog.at(checkpointRoot)),
                    "sink",
                    null)))
        .setCoder(StreamElementCoder.of(spec.schema()));
  }

  /** The stream of {@code plan}'s rows, end markers and reports. */
  public PCollection<StreamElement> compile(LogicalPlan plan) {
    String name = plan.nodeName().split(" ")[0] + (steps++);
    if (!plan.isStreaming()) {
      throw new AnalysisException(
          "A static " + plan.nodeName() + " cannot be used here in a streaming query");
    }
    return plan.accept(new Steps(name));
  }

  /** The Beam steps of one plan node, named {@code name}. */
  private final class Steps implements PlanVisitor<PCollection<StreamElement>> {
    private final String name;

    Steps(String name) {
      this.name = name;
    }

    @Override
    public PCollection<StreamElement> visit(Source s) {
      return source(s);
    }

    @Override
    public PCollection<StreamElement> visit(Project p) {
      return rowStep(name, compile(p.child()), RowFunction.project(p.projection()), p.schema());
    }

    @Override
    public PCollection<StreamElement> visit(Filter f) {
      return rowStep(name, compile(f.child()), RowFunction.filter(f.predicate()), f.schema());
    }

    @Override
    public PCollection<StreamElement> visit(Watermark w) {
      delays.put(w.id(), w.delayMillis());
      return compile(w.child())
          .apply(name, ParDo.of(new WatermarkFn(w.id(), w.columnIndex())))
          .setCoder(StreamElementCoder.of(w.schema()));
    }

    @Override
    public PCollection<StreamElement> visit(Aggregate a) {
      return aggregate(name, a);
    }

    @Override
    public PCollection<StreamElement> visit(Deduplicate d) {
      PCollection<StreamElement> input = compile(d.child());
      int index = operators++;
      return keyed(input, new ShardFn(d.keyIndexes(), shards), d.child().schema(), name)
          .apply(
              name + "State",
              ParDo.of(
                  stateful(
                      new DeduplicateFn(
                          d.schema(), d.keyIndexes(), d.eventTimeIndex(), delays, index),
                      index)))
          .setCoder(StreamElementCoder.of(d.schema()));
    }

    @Override
    public PCollection<StreamElement> visit(Join j) {
      return join(name, j);
    }

    @Override
    public PCollection<StreamElement> visit(Union u) {
      LogicalPlan left = u.children().get(0);
      LogicalPlan right = u.children().get(1);
      PCollection<StreamElement> l = compile(left);
      // the lambda is serialized into the pipeline: capture the schema, not the plan node
      Schema leftSchema = left.schema();
      PCollection<StreamElement> r =
          rowStep(
              name + "Reschema",
              compile(right),
              (row, ctx) ->
                  Collections.singletonList(
                      Row.withSchema(leftSchema).addValues(row.getValues()).build()),
              leftSchema);
      return PCollectionList.of(l)
          .and(r)
          .apply(name, Flatten.pCollections())
          .setCoder(StreamElementCoder.of(left.schema()));
    }

    @Override
    public PCollection<StreamElement> visit(Sort s) {
      return notLast(s);
    }

    @Override
    public PCollection<StreamElement> visit(Limit l) {
      return notLast(l);
    }

    @Override
    public PCollection<StreamElement> visit(SubqueryAlias a) {
      return compile(a.child()); // a name for the columns only
    }

    @Override
    public PCollection<StreamElement> visit(Windowed w) {
      throw new AnalysisException(Validation.NON_TIME_WINDOWS); // Validation refuses it first
    }

    @Override
    public PCollection<StreamElement> visit(LocalRelation r) {
      throw new AnalysisException(
          "A static " + r.nodeName() + " cannot be used here in a streaming query");
    }

    private PCollection<StreamElement> notLast(LogicalPlan plan) {
      throw new AnalysisException(
          plan.nodeName()
              + " is not supported on streaming DataFrames here;"
              + " it must be the last operation of the query");
    }
  }

  private PCollection<StreamElement> source(Source s) {
    String sourceName = "source" + statusKeys.size();
    StatusKey statusKey = StatusKey.of(runId, sourceName);
    SourceLog log =
        checkpointRoot == null
            ? null
            : SourceLog.at(
                CheckpointLayout.of(checkpointRoot).sources(statusKeys.size()), resumeAfter);
    statusKeys.add(statusKey);
    Schema schema = s.schema();
    return pipeline
        .apply(sourceName, s.factory().create(trigger.withClockAlignedBatches(), statusKey, log))
        .apply(sourceName + "Elements", ParDo.of(new FromBatchedFn(sourceName)))
        .setCoder(StreamElementCoder.of(schema));
  }

  private PCollection<StreamElement> rowStep(
      String name, PCollection<StreamElement> input, RowFunction f, Schema schema) {
    return input
        .apply(name, ParDo.of(new RowStepFn(f, zone)))
        .setCoder(StreamElementCoder.of(schema));
  }

  private PCollection<KV<Integer, StreamElement>> keyed(
      PCollection<StreamElement> input,
      DoFn<StreamElement, KV<Integer, StreamElement>> router,
      Schema schema,
      String name) {
    return input
        .apply(name + "Route", ParDo.of(router))
        .setCoder(KvCoder.of(VarIntCoder.of(), StreamElementCoder.of(schema)));
  }

  private PCollection<StreamElement> aggregate(String name, Aggregate a) {
    PCollection<StreamElement> input = compile(a.child());
    int index = operators++;
    OutputMode mode = currentMode;
    return input
        .apply(name + "Partial", ParDo.of(new PreAggregateFn(a.aggregation(), shards, zone)))
        .setCoder(
            KvCoder.of(
                VarIntCoder.of(),
                StreamElementCoder.of(
                    a.aggregation().keySchema(), a.aggregation().accumulatorSchema())))
        .apply(
            name + "State",
            ParDo.of(
                stateful(
                    new AggregateFn(
                        a.aggregation(),
                        a.eventTimeKeyIndex(),
                        mode,
                        delays,
                        index,
                        a.child().streamingAggregations() > 0,
                        zone),
                    index)))
        .setCoder(StreamElementCoder.of(a.schema()));
  }

  private OutputMode currentMode = OutputMode.APPEND;

  /** The output mode stateful steps compiled from now on work in. */
  public QueryCompiler withMode(OutputMode mode) {
    this.currentMode = mode;
    return this;
  }

  private PCollection<StreamElement> join(String name, Join j) {
    boolean leftStream = j.left().isStreaming();
    boolean rightStream = j.right().isStreaming();
    if (leftStream && rightStream) {
      return streamJoin(name, j);
    }
    LogicalPlan stream = leftStream ? j.left() : j.right();
    LogicalPlan fixed = leftStream ? j.right() : j.left();
    List<Row> rows = LocalExecutor.execute(fixed);
    return rowStep(name, compile(stream), new StaticJoin(j, rows, leftStream), j.schema());
  }

  private PCollection<StreamElement> streamJoin(String name, Join j) {
    Schema tagged = StreamJoinFn.taggedSchema(j.joinedSchema());
    int lw = j.left().schema().getFieldCount();
    int rw = j.right().schema().getFieldCount();
    PCollection<StreamElement> l =
        rowStep(
            name + "Left",
            compile(j.left()),
            (row, ctx) -> Collections.singletonList(StreamJoinFn.tag(tagged, 0, row, lw, rw)),
            tagged);
    PCollection<StreamElement> r =
        rowStep(
            name + "Right",
            compile(j.right()),
            (row, ctx) -> Collections.singletonList(StreamJoinFn.tag(tagged, 1, row, lw, rw)),
            tagged);
    int index = operators++;
    PCollection<StreamElement> both =
        PCollectionList.of(l)
            .and(r)
            .apply(name + "Both", Flatten.pCollections())
            .setCoder(StreamElementCoder.of(tagged));
    return keyed(both, new ShardFn(Collections.emptyList(), 1), tagged, name)
        .apply(
            name + "State",
            ParDo.of(
                stateful(
                    new StreamJoinFn(
                        j.joinedSchema(),
                        j.condition(),
                        lw,
                        rw,
                        timeColumn(j.left(), 0),
                        timeColumn(j.right(), lw),
                        delays,
                        index,
                        zone,
                        j.type(),
                        joinBounds(j),
                        j.left().schema()),
                    index)))
        .setCoder(StreamElementCoder.of(j.schema()));
  }

  /** The time range the join condition allows between the two sides' watermarked columns. */
  public static JoinTimeBounds joinBounds(Join j) {
    Integer left = Plans.watermarkColumn(j.left());
    Integer right = Plans.watermarkColumn(j.right());
    // the condition refers to the joined row's fields, where a repeated name has its own field
    int width = j.left().schema().getFieldCount();
    return JoinTimeBounds.of(
        j.conditionExpression(),
        left == null ? null : j.joinedSchema().getField(left).getName(),
        right == null ? null : j.joinedSchema().getField(width + right).getName());
  }

  /** The joined-row index of the watermarked time column of {@code side}, or null. */
  private static Integer timeColumn(LogicalPlan side, int offset) {
    Integer column = Plans.watermarkColumn(side);
    return column == null ? null : column + offset;
  }

  /** Turns a source's {@link Batched} elements into stream elements. */
  static final class FromBatchedFn extends DoFn<Batched<Row>, StreamElement> {
    private final String source;

    FromBatchedFn(String source) {
      this.source = source;
    }

    @ProcessElement
    public void process(@Element Batched<Row> b, OutputReceiver<StreamElement> out) {
      out.output(
          b.isRecord()
              ? StreamElement.row(b.batch(), b.record())
              : StreamElement.end(source, b.end()));
    }
  }
}
