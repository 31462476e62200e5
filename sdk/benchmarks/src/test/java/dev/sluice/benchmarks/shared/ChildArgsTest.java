package dev.sluice.benchmarks.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ChildArgsTest {
  @Test
  public void parsesAndPrintsTheSameArguments() {
    ChildArgs a =
        ChildArgs.parse(
            new String[] {
              "--queries=f1,F4", "--events=/in", "--users=/u.csv", "--f5Rows=10", "--f5WarmupRows=2"
            });
    assertEquals(List.of(BenchQuery.F1, BenchQuery.F4), a.queries());
    assertEquals(1, a.maxFilesPerTrigger());
    assertEquals(2, a.shufflePartitions());
    assertEquals(10, a.f5Rows());
    assertEquals(a, ChildArgs.parse(a.toArgs().toArray(new String[0])));
  }

  @Test
  public void rejectsBadArgumentsNamingTheFix() {
    assertThat(message("--nope=1"), containsString("use --name=value with a name of"));
    assertThat(message("--queries=F9"), containsString("use one of F1, F2, F3, F4, F5"));
    assertThat(message("--queries=F1"), containsString("F1-F4 need --events=DIR and --users"));
    assertThat(
        message("--queries=F5", "--f5Rate=0"), containsString("--f5Rate must be a positive"));
    assertThat(
        message("--queries=F5", "--f5Rows=5", "--f5WarmupRows=5"),
        containsString("--f5WarmupRows must be between 0 and --f5Rows - 1"));
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> ChildArgs.parse(args)).getMessage();
  }
}
