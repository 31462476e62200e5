package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** A function that throws stops the context, and awaitTermination rethrows its exception. */
@RunWith(Parameterized.class)
public class FailureTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  @Test
  public void throwingFunctionStopsTheContextWithItsCause() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    ssc.queueStream(new ArrayDeque<>(List.of(List.of("ok"), List.of("bad"))))
        .map(
            line -> {
              if (line.equals("bad")) {
                throw new IllegalStateException("cannot parse " + line);
              }
              return line;
            })
        .print();
    ssc.start();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, ssc::awaitTermination);
      assertThat(e.getMessage(), is("cannot parse bad"));
    } finally {
      ssc.stop();
    }
  }

  @Test
  public void startWithoutOutputOperationFails() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    ssc.queueStream(new ArrayDeque<>(List.of(List.of("a")))).map(String::length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ssc::start);
    assertThat(
        e.getMessage(),
        is("requirement failed: No output operations registered, so nothing to execute"));
  }
}
