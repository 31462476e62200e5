package dev.sluice.benchmarks.facade;

import dev.sluice.benchmarks.shared.BenchQuery;
import dev.sluice.benchmarks.shared.ChildArgs;
import dev.sluice.benchmarks.shared.EngineSupport;
import dev.sluice.benchmarks.shared.QueryOutput;
import java.util.Arrays;

/**
 * The child JVM of {@link FacadeBench} for the engines {@code facade} ({@link FacadeQueries}) and
 * {@code beam} ({@link BeamQueries}): runs the queries of its {@link ChildArgs} one after the other
 * and prints one {@code RESULT} line per query, which the driver parses.
 *
 * <pre>{@code
 * // java -cp ... dev.sluice.benchmarks.facade.EngineRun facade --queries=F1 --events=DIR --users=FILE
 * // RESULT engine=facade query=F1 inputRows=1000000 batches=11 seconds=6.012 outputRows=... digest=...
 * }</pre>
 */
public final class EngineRun {
  private EngineRun() {}

  /** Arguments: the engine ({@code facade} or {@code beam}), then {@link ChildArgs}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !(args[0].equals("facade") || args[0].equals("beam"))) {
      throw new IllegalArgumentException(
          "usage: EngineRun facade|beam --queries=F1,... --events=DIR --users=FILE [...]");
    }
    String engine = args[0];
    ChildArgs parsed = ChildArgs.parse(Arrays.copyOfRange(args, 1, args.length));
    for (BenchQuery query : parsed.queries()) {
      EngineSupport.Measured m =
          engine.equals("facade")
              ? FacadeQueries.run(query, parsed)
              : BeamQueries.run(query, parsed);
      System.out.println(EngineSupport.resultLine(engine, query, m, QueryOutput.finish()));
    }
    System.exit(0); // a runner's threads must not keep the child alive
  }
}
