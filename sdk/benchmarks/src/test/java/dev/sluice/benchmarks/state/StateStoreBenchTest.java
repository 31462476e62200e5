package dev.sluice.benchmarks.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The probe's helpers, and one small run of it (not timed: it checks what was written). */
public class StateStoreBenchTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void filesHoldTheRequestedSliceOfKeys() throws Exception {
    Path dir = tmp.newFolder("in").toPath();
    assertThat(StateStoreBench.addFile(dir, 3, 2, 1000, 100), equalTo(10L));
    List<String> lines = Files.readAllLines(dir.resolve("part-00003.txt"));
    assertThat(lines, hasSize(10));
    assertThat(lines.get(0), equalTo("key-000000002"));
    assertThat(lines.get(9), equalTo("key-000000902"));
    assertThat(StateStoreBench.sizeOf(dir), equalTo(140L));
  }

  @Test
  public void aSmallRunWritesLittlePerBatch() throws Exception {
    StateStoreBench.Result r =
        StateStoreBench.run("heap", 50_000, 1, 2, tmp.newFolder("work").toPath());
    assertThat(r.batches(), hasSize(2));
    assertThat(r.batches().get(0).touched(), equalTo(500L));
    assertThat(r.stateBytes(), greaterThan(50_000L * 10));
    assertThat(r.medianGrowth(), greaterThan(0L));
    assertThat(r.medianGrowth(), lessThan(r.stateBytes() / 10));
  }
}
