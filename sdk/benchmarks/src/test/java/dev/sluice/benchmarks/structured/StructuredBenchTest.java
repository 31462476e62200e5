package dev.sluice.benchmarks.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The probe's query on a small input: every row counted, one batch per file at least. */
@RunWith(JUnit4.class)
public class StructuredBenchTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void readsEveryRowOfEveryFileOnMicroBatchRunner() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("in");
    BenchEvents.write(dir, 2, 500);

    StructuredBench.Result result = StructuredBench.run("MicroBatchRunner", 1, dir.toString(), "2");

    assertEquals(1000, result.rows());
    assertThat(result.batches(), greaterThanOrEqualTo(2));
    assertTrue(result.seconds() > 0);
    assertThat(result.toString(), startsWith("MicroBatchRunner: 1000 rows in "));
  }
}
