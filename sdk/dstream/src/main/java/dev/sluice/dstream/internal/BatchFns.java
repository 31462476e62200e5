package dev.sluice.dstream.internal;

import dev.sluice.dstream.Batch;
import dev.sluice.dstream.function.Function;
import dev.sluice.dstream.function.VoidFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * The DoFns that run on a whole batch (one list per batch window): collecting it, printing it,
 * handing it to user code, saving it. A batch's time is its window's end in milliseconds.
 *
 * <pre>{@code
 * batches.apply(ParDo.of(new BatchFns.Print<>(10, contextId)));
 * }</pre>
 */
public final class BatchFns {
  static final String DASHES = "-------------------------------------------";

  private BatchFns() {}

  public static long time(BoundedWindow window) {
    return ((IntervalWindow) window).end().getMillis();
  }

  /** The marker a batch's tick adds to its group, so that an empty batch still has one. */
  public enum Tick {
    INSTANCE
  }

  /** The grouped values of one batch as a list, without its tick. */
  public static final class ToList<T> extends DoFn<KV<Integer, Iterable<Object>>, List<T>> {
    @ProcessElement
    @SuppressWarnings("unchecked")
    public void process(
        @Element KV<Integer, Iterable<Object>> grouped, OutputReceiver<List<T>> out) {
      List<T> list = new ArrayList<>();
      for (Object value : grouped.getValue()) {
        if (value != Tick.INSTANCE) {
          list.add((T) value);
        }
      }
      out.output(list);
    }
  }

  /** Spark's {@code print(num)}: a header with the batch time, then up to {@code num} elements. */
  public static final class Print<T> extends DoFn<List<T>, Void> {
    private final int num;
    private final String contextId;

    public Print(int num, String contextId) {
      this.num = num;
      this.contextId = contextId;
    }

    @ProcessElement
    public void process(@Element List<T> batch, BoundedWindow window) {
      StringBuilder text = new StringBuilder();
      text.append(DASHES).append('\n');
      text.append("Time: ").append(time(window)).append(" ms\n");
      text.append(DASHES).append('\n');
      for (int i = 0; i < Math.min(num, batch.size()); i++) {
        text.append(Fns.format(batch.get(i))).append('\n');
      }
      if (batch.size() > num) {
        text.append("...\n");
      }
      text.append('\n');
      PrintStream out = StreamingRun.out(contextId);
      synchronized (out) {
        out.print(text);
        out.flush();
      }
    }
  }

  /** {@code foreachRDD}: user code on each batch. */
  public static final class Foreach<T> extends DoFn<List<T>, Void> {
    private final VoidFunction<Batch<T>> f;

    public Foreach(VoidFunction<Batch<T>> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element List<T> batch, BoundedWindow window) throws Exception {
      f.call(Batch.of(time(window), batch));
    }
  }

  /** {@code transform}: a batch to a batch. */
  public static final class Transform<T, R> extends DoFn<List<T>, List<R>> {
    private final Function<Batch<T>, Batch<R>> f;

    public Transform(Function<Batch<T>, Batch<R>> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element List<T> batch, BoundedWindow window, OutputReceiver<List<R>> out)
        throws Exception {
      out.output(new ArrayList<>(f.call(Batch.of(time(window), batch)).collect()));
    }
  }

  /**
   * {@code saveAsTextFiles}: each batch becomes the directory {@code prefix-TIME[.suffix]} holding
   * {@code part-00000} and {@code _SUCCESS}, as Spark writes it; the directory appears atomically.
   */
  public static final class Save<T> extends DoFn<List<T>, Void> {
    private final String prefix;
    private final String suffix;

    public Save(String prefix, String suffix) {
      this.prefix = prefix;
      this.suffix = suffix;
    }

    @ProcessElement
    public void process(@Element List<T> batch, BoundedWindow window) throws IOException {
      String name = prefix + "-" + time(window);
      if (suffix != null && !suffix.isEmpty()) {
        name += "." + suffix;
      }
      Path target = Paths.get(name).toAbsolutePath();
      Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
      Files.createDirectories(temp);
      StringBuilder text = new StringBuilder();
      for (T element : batch) {
        text.append(Fns.format(element)).append('\n');
      }
      Files.write(temp.resolve("part-00000"), text.toString().getBytes(StandardCharsets.UTF_8));
      Files.write(temp.resolve("_SUCCESS"), new byte[0]);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
