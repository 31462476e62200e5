package dev.sluice.structured;

/**
 * How long a test waits for a condition (a query ended, a batch reached) before it calls the query
 * hung. Tests wait on conditions, never on time; this only keeps a broken query from hanging the
 * build, so it is long enough for a heavily loaded 2-core machine.
 *
 * <pre>{@code
 * assertThat(query.awaitTermination(HangGuard.MILLIS), equalTo(true));
 * }</pre>
 */
public final class HangGuard {
  /** Ten minutes. */
  public static final long MILLIS = 10 * 60_000;

  private HangGuard() {}
}
