package dev.sluice.dstream;

import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.Consoles;
import dev.sluice.dstream.internal.Fns;
import dev.sluice.dstream.internal.NewFilesSource;
import dev.sluice.dstream.internal.RunOptions;
import dev.sluice.dstream.internal.SocketLineSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.UserCodeException;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

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
  private final String id = UUID.randomUUID().toString();
  private final Pipeline pipeline;
  private final Duration batchDuration;
  private final AtomicInteger names = new AtomicInteger();
  private int outputs;
  private boolean needsCheckpoint;
  private String checkpointDirectory;
  private volatile PipelineResult result;
  private boolean stopped;

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
   * Sets the checkpoint directory (created if missing), which {@code updateStateByKey} and {@code
   * mapWithState} require as in Spark. Sluice's runner keeps state in memory and writes nothing
   * there yet.
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

  /** Sends {@code print()} output of this context to {@code out} instead of {@code System.out}. */
  public void printTo(PrintStream out) {
    Consoles.setOut(id, out);
  }

  /** Errors receivers recovered from (a refused connection, ...), oldest first. */
  public List<String> receiverErrors() {
    return Consoles.receiverErrors(id);
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
   * ignored. Write files elsewhere (or hidden, {@code .name}) and move them in when complete.
   */
  public DStream<String> textFileStream(String directory) {
    return live(
        pipeline.apply(
            name("textFileStream"), Read.from(NewFilesSource.watching(Paths.get(directory)))));
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
    result = pipeline.run();
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
    }
    return state != null && state.isTerminal();
  }

  /** Stops the pipeline after its current batch. Safe to call more than once. */
  public synchronized void stop() {
    stopped = true;
    if (result != null && !result.getState().isTerminal()) {
      try {
        result.cancel();
      } catch (IOException | UnsupportedOperationException e) {
        throw new IllegalStateException("Cannot stop the streaming context", e);
      }
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
