package dev.sluice.benchmarks.spark;

import static org.junit.Assert.assertEquals;

import dev.sluice.benchmarks.shared.BenchQuery;
import dev.sluice.benchmarks.shared.ChildArgs;
import dev.sluice.benchmarks.shared.EngineSupport;
import dev.sluice.benchmarks.shared.QueryOutput;
import dev.sluice.benchmarks.shared.ResultDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Spark runs two of the benchmark's queries on a hand-made input whose results are worked out here
 * (sdk/benchmarks' EnginesAgreeTest compares all queries across the three engines).
 */
@RunWith(JUnit4.class)
public class SparkEngineTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static SparkSession spark;
  private static ChildArgs args;

  @BeforeClass
  public static void input() throws Exception {
    Path events = TMP.newFolder("events").toPath();
    Files.writeString(
        events.resolve("part-00.json"),
        String.join(
            "\n",
            "{\"eid\":0,\"id\":\"phone1\",\"action\":\"open\",\"value\":1.5,\"ts\":\"2018-03-02T10:00:00\"}",
            "{\"eid\":1,\"id\":\"phone2\",\"action\":\"close\",\"value\":2.0,\"ts\":\"2018-03-02T10:09:59\"}",
            "{\"eid\":2,\"id\":\"phone4\",\"action\":\"open\",\"value\":0.25,\"ts\":\"2018-03-02T10:10:00\"}",
            "{\"eid\":1,\"id\":\"phone2\",\"action\":\"close\",\"value\":2.0,\"ts\":\"2018-03-02T10:09:59\"}",
            ""));
    Path users = TMP.getRoot().toPath().resolve("users.csv");
    Files.writeString(users, "phone1,de,1\nphone2,fr,2\nphone3,us,1\n");
    args =
        ChildArgs.parse(new String[] {"--events=" + events, "--users=" + users, "--queries=F1,F4"});
    spark = SparkEngine.session(1);
  }

  @AfterClass
  public static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static String digestOf(String... lines) {
    ResultDigest d = new ResultDigest();
    for (String l : lines) {
      d.add(l);
    }
    return d.toString();
  }

  @Test
  public void countsPerWindowAndActionInCompleteMode() throws Exception {
    EngineSupport.Measured m = SparkEngine.run(spark, BenchQuery.F1, args);

    assertEquals(4, m.inputRows());
    long ten = 1519984800000L; // 2018-03-02T10:00Z
    assertEquals(
        digestOf(
            QueryOutput.f1Line(ten, "open", 1),
            QueryOutput.f1Line(ten, "close", 2),
            QueryOutput.f1Line(ten + 600_000, "open", 1)),
        QueryOutput.finish().digest());
  }

  @Test
  public void joinsTheStaticUsersFiltersAndProjects() throws Exception {
    SparkEngine.run(spark, BenchQuery.F4, args);

    // phone4 has no user; the close events are filtered out; phone1 (tier 1) stays
    assertEquals(
        digestOf(QueryOutput.f4Line("phone1", "de", "open", 1519984800000L, 1.5)),
        QueryOutput.finish().digest());
  }
}
