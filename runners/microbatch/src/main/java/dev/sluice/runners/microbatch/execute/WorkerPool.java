package dev.sluice.runners.microbatch.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads of one pipeline run. A stage hands it one task per partition and waits for all
 * of them; a single task runs on the calling thread.
 *
 * <pre>{@code
 * try (WorkerPool pool = new WorkerPool(4, "my-pipeline")) {
 *   pool.runAll(List.of(() -> work(0), () -> work(1)));
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
  private final ExecutorService executor;

  /** Starts {@code threads} daemon worker threads named after {@code name}. */
  public WorkerPool(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "microbatch-" + name + "-worker-" + n.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs every task and waits for all; if any fails, rethrows the first failure with the others
   * suppressed, after all have stopped.
   */
  public void runAll(List<Callable<Void>> tasks) throws Exception {
    if (tasks.isEmpty()) {
      return;
    }
    if (tasks.size() == 1) {
      tasks.get(0).call();
      return;
    }
    List<Future<Void>> futures = new ArrayList<>(tasks.size());
    for (int i = 1; i < tasks.size(); i++) {
      futures.add(executor.submit(tasks.get(i)));
    }
    Exception failure = null;
    try {
      tasks.get(0).call();
    } catch (Exception e) {
      failure = e;
    }
    for (Future<Void> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        Exception asException =
            cause instanceof Exception ? (Exception) cause : new RuntimeException(cause);
        if (failure == null) {
          failure = asException;
        } else {
          failure.addSuppressed(asException);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        future.cancel(true);
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
