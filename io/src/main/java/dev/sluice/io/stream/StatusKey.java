package dev.sluice.io.stream;

import java.io.Serializable;

/**
 * Which source of which run a source's reports belong to: the run's id (its {@link
 * dev.sluice.io.context.RunContext} in the driver's JVM) and the source's name in the run. Sources
 * carry it in the serialized pipeline ({@code withStatusKey(key)}); a reader reports its {@link
 * SourceStatus} to the run's context when it finds it in its JVM, and reports nothing otherwise (a
 * worker of a distributed runner). Sources that keep driver-side objects (a {@code MemoryStream}'s
 * rows, a socket connection shared by re-created readers) find them through the same run.
 *
 * <pre>{@code
 * try (RunContext run = RunContext.open()) {
 *   StatusKey key = StatusKey.of(run.runId(), "source0");
 *   p.apply(FileStreamSource.json(schema, "in/").withStatusKey(key));
 *   ...
 *   SourceStatus.get(run, "source0");   // the source's last report
 * }
 * }</pre>
 *
 * @param runId the id of the run whose context receives the reports
 * @param source the source's name within the run
 */
public record StatusKey(String runId, String source) implements Serializable {
  private static final long serialVersionUID = 1L;

  public StatusKey {
    if (runId == null || runId.isEmpty() || source == null || source.isEmpty()) {
      throw new IllegalArgumentException(
          "A status key needs the run's id and the source's name, e.g."
              + " StatusKey.of(run.runId(), \"source0\")");
    }
  }

  /** The key of source {@code source} in run {@code runId}. */
  public static StatusKey of(String runId, String source) {
    return new StatusKey(runId, source);
  }
}
