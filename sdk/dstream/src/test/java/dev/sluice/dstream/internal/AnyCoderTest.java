package dev.sluice.dstream.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/** {@link AnyCoder} round-trips every kind of value the facade passes between steps. */
public class AnyCoderTest {
  @Test
  public void roundTrips() throws Exception {
    List<Object> values =
        Arrays.asList(
            null,
            "text",
            42,
            7L,
            2.5,
            true,
            KV.of("k", KV.of(1, Optional.empty())),
            List.of("a", 1, List.of(2L)),
            Optional.of("x"),
            new java.math.BigDecimal("1.25"));
    for (Object value : values) {
      CoderProperties.coderDecodeEncodeEqual(AnyCoder.of(), value);
    }
  }

  @Test
  public void formatsPairsAsSparkTuples() {
    assertThat(Fns.format(KV.of("a", KV.of(1, 2))), equalTo("(a,(1,2))"));
  }
}
