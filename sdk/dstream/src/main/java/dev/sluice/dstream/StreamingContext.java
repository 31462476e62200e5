package dev.sluice.dstream;

import dev.sluice.dstream.function.Function0;
import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.ApiAccess;
import dev.sluice.dstream.internal.CheckpointStore;
import dev.sluice.dstream.internal.Checkpointing;
import dev.sluice.dstream.internal.Fns;
import dev.sluice.dstream.internal.NewFilesSource;
import dev.sluice.dstream.internal.SocketLineSource;
import dev.sluice.dstream.internal.StreamingRun;
import dev.sluice.dstream.internal.TickSource;
import dev.sluice.io.stream.RunOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.UserCodeException;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the DStream facade, as Spark's {@code StreamingContext}: define input streams,
 * then {@link #start()} runs them as one Beam pipeline, on {@code MicroBatchRunner} unless the
 * options name another runner.
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext("wordcount", Durations.seconds(1));
 * ssc.socketTextStream("localhost", 9999)
 *     .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
 *     .mapToPair(word -> KV.of(word, 1))
 *     .reduceByKey((a, b) -> a + b)
 *     .print();
 * ssc.start();
 * ssc.awaitTermination();
 * }</pre>
 *
 * <p>Batch times: live sources ({@link #socketTextStream}, {@link #textFileStream}, {@link
 * #receiverStream}) stamp each element with the time it is read, and batch {@code n} holds what was
 * read in {@code [n * interval, (n + 1) * interval)} since the epoch. Scripted sources ({@link
 * #queueStream}, {@link #testStream}) put their i-th batch at {@code [i * interval, (i + 1) *
 * interval)}, so their output is the same on every run and runner; they end when exhausted.
 */
public final class StreamingContext {
  static {
    ApiAccess.install(new InternalDoor());
  }

  private static final Logger LOG = LoggerFactory.getLogger(StreamingContext.class);

  private final String id = UUID.randomUUID().toString();

  /** The driver-side objects of this context's run (print output, receivers, their errors). */
  private final StreamingRun run = new StreamingRun(id);

  private final Pipeline pipeline;
  private final Duration batchDuration;
  private final AtomicInteger names = new AtomicInteger();
  private int outputs;
  private boolean needsCheckpoint;
  private String checkpointDirectory;
  private final Checkpointing checkpointing;
  private PCollection<Long> clock;
  private volatile PipelineResult result;
  private boolean stopped;

  /** The checkpoint {@link #getOrCreate} recovers from, for the contexts its factory creates. */
  private static final ThreadLocal<CheckpointStore.Checkpoint> RECOVERING = new ThreadLocal<>();

  /** A context for a job named {@code appName} on {@code MicroBatchRunner}. */
  public StreamingContext(String appName, Duration batchDuration) {
    this(options("--appName=" + appName), batchDuration);
  }

  /**
   * A context on the runner {@code options} name. The context sets {@code blockOnRun=false} and
   * {@code streaming=true} on them.
   */
  public StreamingContext(PipelineOptions options, Duration batchDuration) {
    if (batchDuration.milliseconds() <= 0) {
      throw new IllegalArgumentException("The batch duration must be positive: " + batchDuration);
    }
    options.as(RunOptions.class).setBlockOnRun(false);
    options.as(StreamingOptions.class).setStreaming(true);
    this.pipeline = Pipeline.create(options);
    this.batchDuration = batchDuration;
    this.checkpointing = new Checkpointing(this, RECOVERING.get());
  }

  /**
   * The context recovered from the checkpoint in {@code checkpointPath}, or, if there is none, the
   * one {@code factory} creates (as Spark's {@code getOrCreate}).
   *
   * <p>Unlike Spark, which deserializes the graph from the checkpoint, the graph is always rebuilt
   * by calling {@code factory} (Java lambdas cannot be restored reliably across class versions);
   * the checkpoint restores the state of {@code updateStateByKey}, {@code mapWithState} and the
   * incremental {@code reduceByKeyAndWindow} as of its batch, and which files each {@code
   * textFileStream} has read. The job resumes after that batch: state timers continue from the next
   * batch (batches missed while the job was down are run, with no new data, as Spark runs them),
   * and files not read by then, including those added while it was down, are read now.
   *
   * <pre>{@code
   * StreamingContext ssc = StreamingContext.getOrCreate("/checkpoints/counts", () -> {
   *   StreamingContext fresh = new StreamingContext("counts", Durations.seconds(1));
   *   fresh.checkpoint("/checkpoints/counts");
   *   fresh.textFileStream("/data/in")
   *       .mapToPair(line -> KV.of(line, 1))
   *       .updateStateByKey((List<Integer> ones, Optional<Integer> sum) ->
   *           Optional.of(sum.orElse(0) + ones.size()))
   *       .print();
   *   return fresh;
   * });
   * ssc.start();
   * ssc.awaitTermination();
   * }</pre>
   *
   * <p>Not recovered: lines a {@code socketTextStream} or a {@link #receiverStream} delivered after
   * the checkpoint (they have no replay; Spark without a write-ahead log loses them too). A {@link
   * #queueStream} or {@link #testStream} cannot be recovered at all, as in Spark.
   *
   * @throws IllegalStateException if the checkpoint was written by a different graph (other
   *     stateful operations or sources, in another order), if the graph has a {@code queueStream},
   *     or if the factory returns a context it did not create
   * @throws IllegalArgumentException if {@code factory} returns null
   */
  public static StreamingContext getOrCreate(
      String checkpointPath, Function0<StreamingContext> factory) {
    CheckpointStore.Checkpoint last = CheckpointStore.latest(Paths.get(checkpointPath));
    StreamingContext ssc;
    RECOVERING.set(last);
    try {
      ssc = factory.call();
    } catch (Exception e) {
      throw Fns.rethrow(e);
    } finally {
      RECOVERING.remove();
    }
    if (ssc == null) {
      throw new IllegalArgumentException(
          "The factory given to getOrCreate(" + checkpointPath + ", ...) returned null");
    }
    if (last != null && ssc.checkpointing.recovery() != last) {
      throw new IllegalStateException(
          "The factory given to getOrCreate("
              + checkpointPath
              + ", ...) returned a StreamingContext it did not create: create the context inside"
              + " the factory, so that it is rebuilt from the checkpoint "
              + last.file());
    }
    ssc.checkpointing.checkSameGraph();
    if (last != null || ssc.checkpointDirectory == null) {
      ssc.checkpoint(checkpointPath);
    }
    return ssc;
  }

  /**
   * Pipeline options from command-line style arguments, with {@code --runner=MicroBatchRunner}
   * unless {@code args} name a runner.
   */
  public static PipelineOptions options(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (all.stream().noneMatch(arg -> arg.startsWith("--runner="))) {
      all.add(0, "--runner=MicroBatchRunner");
    }
    return PipelineOptionsFactory.fromArgs(all.toArray(new String[0])).withValidation().create();
  }

  /** The batch interval. */
  public Duration batchDuration() {
    return batchDuration;
  }

  /** The Beam pipeline the streams are defined in. */
  public Pipeline pipeline() {
    return pipeline;
  }

  /**
   * Sets the checkpoint directory (created if missing), which {@code updateStateByKey}, {@code
   * mapWithState} and the incremental {@code reduceByKeyAndWindow} require, as in Spark. While the
   * job runs, a checkpoint file is written there atomically after every batch (after every batch
   * that is a multiple of all stateful operations' slides), the newest three kept; {@link
   * #getOrCreate} resumes from the newest. Starting a context that was not recovered deletes the
   * checkpoint files already there.
   */
  public void checkpoint(String directory) {
    try {
      Files.createDirectories(Paths.get(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create checkpoint directory " + directory, e);
    }
    this.checkpointDirectory = directory;
  }

  /** The checkpoint directory, or null if {@link #checkpoint} was not called. */
  public String checkpointDirectory() {
    return checkpointDirectory;
  }

  /**
   * Sends {@code print()} output of this context to {@code out} instead of {@code System.out}. The
   * stream is in the driver's JVM, so this works where the pipeline runs there (MicroBatchRunner,
   * the DirectRunner); on a distributed runner {@code print()} writes to the workers' output.
   */
  public void printTo(PrintStream out) {
    run.setOut(out);
  }

  /**
   * Errors receivers recovered from (a refused connection, ...), oldest first. Reported where the
   * pipeline runs in the driver's JVM; on a distributed runner they are only in the workers' logs.
   */
  public List<String> receiverErrors() {
    return run.receiverErrors();
  }

  /**
   * Lines of text from a TCP server at {@code host:port} (e.g. {@code nc -lk 9999}). A refused or
   * lost connection is retried with backoff and reported in {@link #receiverErrors()}.
   */
  public DStream<String> socketTextStream(String host, int port) {
    return live(
        pipeline.apply(name("socketTextStream"), Read.from(new SocketLineSource(host, port, id))));
  }

  /**
   * Lines of the files that appear in {@code directory} from now on; files already there are
   * ignored. Write files elsewhere (or hidden, {@code .name}) and move them in when complete. Each
   * file is read whole into the batch in which it is found. With {@link #checkpoint}, the names of
   * the files read are checkpointed, so {@link #getOrCreate} reads exactly the files not read
   * before the checkpoint.
   */
  public DStream<String> textFileStream(String directory) {
    Path dir = Paths.get(directory);
    String id =
        checkpointing.add("textFileStream", dir.toAbsolutePath().toString(), 1, Long.MAX_VALUE);
    List<String> done = new ArrayList<>();
    if (checkpointing.recovering()) {
      checkpointing.restored(id).forEach(name -> done.add((String) name));
    } else {
      done.addAll(NewFilesSource.list(dir));
    }
    checkpointing.sourceFiles(id, done);
    TupleTag<String> lines = new TupleTag<>();
    TupleTag<KV<String, Object>> files = new TupleTag<>();
    PCollectionTuple read =
        pipeline
            .apply(name("textFileStream"), Read.from(NewFilesSource.watching(dir, done)))
            .apply(
                name("fileMarkers"),
                ParDo.of(new SplitFileMarkers(id, lines, files))
                    .withOutputTags(lines, TupleTagList.of(files)));
    checkpointing.records(read.get(files).setCoder(AnyCoder.kv()));
    return live(read.get(lines).setCoder(StringUtf8Coder.of()));
  }

  /**
   * Lines to the main output; file markers, as {@code KV(sourceId, fileName)}, to {@code files}.
   */
  static final class SplitFileMarkers extends DoFn<KV<String, String>, String> {
    private final String id;
    private final TupleTag<String> lines;
    private final TupleTag<KV<String, Object>> files;

    SplitFileMarkers(String id, TupleTag<String> lines, TupleTag<KV<String, Object>> files) {
      this.id = id;
      this.lines = lines;
      this.files = files;
    }

    @ProcessElement
    public void process(@Element KV<String, String> record, MultiOutputReceiver out) {
      if (record.getKey() != null) {
        out.get(files).output(KV.of(id, record.getKey()));
      } else {
        out.get(lines).output(record.getValue());
      }
    }
  }

  /**
   * Any Beam source as an input stream, each element stamped with the time it is read (Spark's
   * {@code receiverStream} with a custom receiver).
   */
  public <T> DStream<T> receiverStream(PTransform<PBegin, PCollection<T>> source) {
    PCollection<T> read = pipeline.apply(name("receiverStream"), source);
    @SuppressWarnings("deprecation")
    PCollection<T> stamped =
        read.apply(
            name("ingestionTime"),
            WithTimestamps.<T>of(element -> Instant.now())
                .withAllowedTimestampSkew(org.joda.time.Duration.millis(Long.MAX_VALUE)));
    return live(stamped);
  }

  private <T> DStream<T> live(PCollection<T> read) {
    PCollection<T> windowed =
        read.apply(name("batchWindows"), Window.<T>into(FixedWindows.of(batchDuration.toJoda())));
    return new DStream<>(this, windowed, null, batchDuration, Long.MAX_VALUE);
  }

  /** As {@link #queueStream(Queue, boolean)} with one collection per batch. */
  public <T> DStream<T> queueStream(Queue<? extends Collection<T>> queue) {
    return queueStream(queue, true);
  }

  /**
   * A stream of the collections in {@code queue}, for tests: one collection per batch if {@code
   * oneAtATime}, else all of them in the first batch. The queue is read when this is called;
   * collections added later are not seen. The stream ends after the last batch.
   */
  public <T> DStream<T> queueStream(Queue<? extends Collection<T>> queue, boolean oneAtATime) {
    List<List<T>> batches = new ArrayList<>();
    if (oneAtATime) {
      queue.forEach(batch -> batches.add(new ArrayList<>(batch)));
    } else {
      List<T> all = new ArrayList<>();
      queue.forEach(all::addAll);
      batches.add(all);
    }
    return scripted(batches, AnyCoder.of(), "queueStream");
  }

  /**
   * A stream scripted by a Beam {@link TestStream}: each element event is one batch (its elements'
   * own timestamps are replaced by the batch's), other events are ignored.
   */
  public <T> DStream<T> testStream(TestStream<T> events) {
    List<List<T>> batches = new ArrayList<>();
    for (TestStream.Event<T> event : events.getEvents()) {
      if (event instanceof TestStream.ElementEvent) {
        List<T> batch = new ArrayList<>();
        ((TestStream.ElementEvent<T>) event).getElements().forEach(tv -> batch.add(tv.getValue()));
        batches.add(batch);
      }
    }
    return scripted(batches, events.getValueCoder(), "testStream");
  }

  private <T> DStream<T> scripted(List<List<T>> batches, Coder<T> coder, String name) {
    if (checkpointing.recovering()) {
      throw new IllegalStateException(
          "A "
              + name
              + " cannot be recovered from the checkpoint "
              + checkpointing.recovery().file()
              + ": its batches are not recorded (Spark does not checkpoint queue streams either)."
              + " Create the context with its constructor, or use a source that can resume, such"
              + " as textFileStream.");
    }
    long interval = batchDuration.milliseconds();
    TestStream.Builder<T> script = TestStream.create(coder);
    for (int i = 0; i < batches.size(); i++) {
      List<T> batch = batches.get(i);
      if (!batch.isEmpty()) {
        List<TimestampedValue<T>> stamped = new ArrayList<>();
        for (T element : batch) {
          stamped.add(TimestampedValue.of(element, new Instant(i * interval)));
        }
        script = script.addElements(stamped.get(0), rest(stamped));
      }
      script = script.advanceWatermarkTo(new Instant((i + 1) * interval));
    }
    PCollection<T> read = pipeline.apply(name(name), script.advanceWatermarkToInfinity());
    PCollection<T> windowed =
        read.apply(name("batchWindows"), Window.<T>into(FixedWindows.of(batchDuration.toJoda())));
    return new DStream<>(this, windowed, null, batchDuration, batches.size() * interval);
  }

  @SuppressWarnings("unchecked")
  private static <T> TimestampedValue<T>[] rest(List<TimestampedValue<T>> stamped) {
    return stamped.subList(1, stamped.size()).toArray(new TimestampedValue[0]);
  }

  /**
   * Runs the streams defined so far as one Beam pipeline and returns at once.
   *
   * @throws IllegalStateException if started before or stopped, or if no output operation ({@code
   *     print}, {@code foreachRDD}, {@code saveAsTextFiles}) is defined
   * @throws IllegalArgumentException if a stateful operation is used without {@link #checkpoint}
   */
  public synchronized void start() {
    if (result != null || stopped) {
      throw new IllegalStateException("StreamingContext has already been started or stopped");
    }
    if (outputs == 0) {
      throw new IllegalArgumentException(
          "requirement failed: No output operations registered, so nothing to execute");
    }
    if (needsCheckpoint && checkpointDirectory == null) {
      throw new IllegalArgumentException(
          "requirement failed: The checkpoint directory has not been set. Please set it by"
              + " StreamingContext.checkpoint().");
    }
    if (checkpointDirectory != null) {
      checkpointing.attachWriter(checkpointDirectory);
    }
    run.open();
    try {
      result = pipeline.run();
    } catch (RuntimeException | Error e) {
      stopped = true;
      closeRun();
      throw e;
    }
  }

  /**
   * Waits until the context stops: the inputs are exhausted, {@link #stop()} was called, or a
   * function threw. In the last case the function's exception is rethrown as it was thrown.
   */
  public void awaitTermination() {
    PipelineResult running = started();
    try {
      running.waitUntilFinish();
    } catch (Pipeline.PipelineExecutionException e) {
      throw Fns.rethrow(userCause(e));
    } finally {
      closeRunIfEnded(running);
    }
  }

  /**
   * As {@link #awaitTermination()}, waiting at most {@code timeoutMillis}.
   *
   * @return true if the context stopped, false if the time ran out
   */
  public boolean awaitTerminationOrTimeout(long timeoutMillis) {
    PipelineResult running = started();
    PipelineResult.State state;
    try {
      state = running.waitUntilFinish(org.joda.time.Duration.millis(timeoutMillis));
    } catch (Pipeline.PipelineExecutionException e) {
      throw Fns.rethrow(userCause(e));
    } finally {
      closeRunIfEnded(running);
    }
    return state != null && state.isTerminal();
  }

  /** A pipeline that ended needs its run no more: release its receivers and forget it. */
  private void closeRunIfEnded(PipelineResult running) {
    PipelineResult.State state = running.getState();
    if (state != null && state.isTerminal()) {
      closeRun();
    }
  }

  private void closeRun() {
    try {
      run.close();
    } catch (IOException e) {
      LOG.warn("Closing the receivers of the streaming context failed", e);
    }
  }

  /**
   * Stops the pipeline after its current batch, closes its socket receivers and ends the context's
   * run (its driver-side objects are released). Safe to call more than once.
   */
  public synchronized void stop() {
    stopped = true;
    try {
      if (result != null && !result.getState().isTerminal()) {
        result.cancel();
      }
      // a runner need not close its readers on cancel (the DirectRunner does not)
      run.close();
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("Cannot stop the streaming context", e);
    }
  }

  private PipelineResult started() {
    PipelineResult running = result;
    if (running == null) {
      throw new IllegalStateException("StreamingContext has not been started yet");
    }
    return running;
  }

  private static Throwable userCause(Throwable e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    while (cause instanceof UserCodeException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  String id() {
    return id;
  }

  Checkpointing checkpointing() {
    return checkpointing;
  }

  /**
   * One tick per batch of a stream with slide {@code slide}: the value {@code T} stamped {@code T -
   * 1} for every multiple {@code T} of the slide, from the first batch to {@code lastBatch} for a
   * scripted stream, from the batch the job starts in and as long as it runs for a live one ({@code
   * lastBatch == Long.MAX_VALUE}). In the global window.
   */
  PCollection<Long> ticks(Duration slide, long lastBatch) {
    long step = slide.milliseconds();
    if (lastBatch != Long.MAX_VALUE) {
      List<TimestampedValue<Long>> ticks = new ArrayList<>();
      for (long end = step; end <= lastBatch; end += step) {
        ticks.add(TimestampedValue.of(end, new Instant(end - 1)));
      }
      return pipeline.apply(name("ticks"), Create.timestamped(ticks).withCoder(VarLongCoder.of()));
    }
    if (clock == null) {
      clock =
          pipeline.apply(
              name("batchClock"), Read.from(new TickSource(batchDuration.milliseconds())));
    }
    if (step == batchDuration.milliseconds()) {
      return clock;
    }
    return clock.apply(name("slideTicks"), Filter.by(end -> end % step == 0));
  }

  String name(String base) {
    return base + "#" + names.incrementAndGet();
  }

  void registerOutput() {
    outputs++;
  }

  void requireCheckpoint() {
    needsCheckpoint = true;
  }
}
