package dev.sluice.benchmarks.facade;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;

import dev.sluice.benchmarks.shared.BenchQuery;
import dev.sluice.benchmarks.shared.ChildArgs;
import dev.sluice.benchmarks.structured.BenchEvents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * F1–F5 on a tiny input through the three engines, each in its own child JVM as the benchmark
 * starts them (Spark from the sdk/benchmarks-spark module the build made before this one): every
 * query's result digest must be the same on all three.
 */
@RunWith(JUnit4.class)
public class EnginesAgreeTest {
  /** The Spark engine module, beside this one. */
  static final Path SPARK_MODULE = Path.of(System.getProperty("user.dir"), "../benchmarks-spark");

  /** A child that has not ended in ten minutes is hung (tests wait on conditions, not time). */
  static final long HANG_GUARD_SECONDS = 600;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theFacadeBeamAndSparkAgreeOnEveryQuery() throws Exception {
    Path dir = tmp.getRoot().toPath();
    BenchEvents.write(dir.resolve("events"), 2, 200);
    BenchEvents.writeUsers(dir.resolve("users.csv"));
    ChildArgs args =
        ChildArgs.parse(
            new String[] {
              "--queries=F1,F2,F3,F4,F5",
              "--events=" + dir.resolve("events"),
              "--users=" + dir.resolve("users.csv"),
              "--f5Rows=300",
              "--f5WarmupRows=100"
            });

    ChildJvm.Outcome facade = run(Engine.FACADE, args, dir);
    ChildJvm.Outcome beam = run(Engine.BEAM, args, dir);
    ChildJvm.Outcome spark = run(Engine.SPARK, args, dir);

    List<BenchQuery> queries = args.queries();
    for (int i = 0; i < queries.size(); i++) {
      BenchQuery q = queries.get(i);
      Map<String, String> f = facade.results().get(i);
      Map<String, String> b = beam.results().get(i);
      Map<String, String> s = spark.results().get(i);
      assertEquals(q.name(), f.get("query"));
      assertEquals(q + " facade vs beam", f.get("digest"), b.get("digest"));
      assertEquals(q + " facade vs spark", f.get("digest"), s.get("digest"));
      long resultRows = Long.parseLong(f.get("digest").split(":")[0]);
      assertThat(q + " has result rows", resultRows, greaterThan(0L));
      if (q.readsFiles()) {
        assertEquals(q + " facade", "400", f.get("inputRows"));
        assertEquals(q + " beam", "400", b.get("inputRows"));
      } else {
        assertEquals("300", f.get("digest").split(":")[0]); // values 0..299 once each
        assertEquals("200", s.get("measuredRows"));
      }
    }
    // F1: each file's 200 events (7.2 s) fall in one 10-minute window; 2 windows x 5 actions
    assertThat(facade.results().get(0).get("digest"), startsWith("10:"));
  }

  private static ChildJvm.Outcome run(Engine engine, ChildArgs args, Path dir) throws Exception {
    return ChildJvm.run(
        engine, args, List.of("-Xmx1g"), SPARK_MODULE, dir.resolve("work"), HANG_GUARD_SECONDS);
  }
}
