package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.stream.BatchTrigger;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link KafkaSourceOptions}: parsing, defaults, the consumer's configuration. */
@RunWith(JUnit4.class)
public class KafkaSourceOptionsTest {
  private static final BatchTrigger STREAMING = BatchTrigger.processingTime(0);

  @Test
  public void defaultsAreSparksAndNamesAreCaseInsensitive() {
    KafkaSourceOptions o =
        KafkaSourceOptions.parse(
            Map.of(
                "kafka.bootstrap.servers", "h:1", "SUBSCRIBE", "a, b", "failondataloss", "FALSE"),
            STREAMING);
    assertThat(o.strategyDescription(), is("Subscribe[a,b]"));
    assertThat(o.startingOffsets, is("latest"));
    assertThat(o.maxOffsetsPerTrigger, is(Long.MAX_VALUE));
    assertThat(o.maxTriggerDelayMillis, is(15 * 60_000L));
    assertThat(o.failOnDataLoss, is(false));
    assertThat(o.pollTimeoutMillis, is(120_000L));
    assertThat(o.matches("a"), is(true));
    assertThat(o.matches("c"), is(false));
  }

  @Test
  public void theConsumerGetsKafkaOptionsAndTheSourcesOwnSettings() {
    KafkaSourceOptions o =
        KafkaSourceOptions.parse(
            Map.of(
                "kafka.bootstrap.servers", "h:1",
                "subscribePattern", "ev.*",
                "kafka.isolation.level", "read_committed",
                "kafka.fetch.max.wait.ms", "200"),
            STREAMING);
    Map<String, Object> c = o.consumerConfig();
    assertThat(c.get("bootstrap.servers"), is("h:1"));
    assertThat(c.get("isolation.level"), is("read_committed"));
    assertThat(c.get("fetch.max.wait.ms"), is("200"));
    assertThat(c.get("enable.auto.commit"), is("false"));
    assertThat(c.get("auto.offset.reset"), is("none"));
    assertThat(c.get("default.api.timeout.ms"), is("60000"));
    assertThat(o.matches("events"), is(true));
    assertThat(o.matches("xevents"), is(false));
    assertThat(o.strategyDescription(), is("SubscribePattern[ev.*]"));
  }

  @Test
  public void assignDescribesItsPartitionsAndStartingOffsetsMustCoverThem() {
    KafkaSourceOptions o =
        KafkaSourceOptions.parse(
            Map.of(
                "kafka.bootstrap.servers", "h:1",
                "assign", "{\"t\":[0,1]}",
                "startingOffsets", "{\"t\":{\"0\":5,\"1\":-2}}"),
            STREAMING);
    assertThat(o.strategyDescription(), is("Assign[t-0, t-1]"));
    assertThat(o.startingJson.get(new TopicPartition("t", 0)), is(5L));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KafkaSourceOptions.parse(
                    Map.of(
                        "kafka.bootstrap.servers", "h:1",
                        "subscribe", "t",
                        "startingOffsets", "{\"other\":{\"0\":5}}"),
                    STREAMING));
    assertThat(e.getMessage(), containsString("names other-0, which the source does not read"));
  }

  @Test
  public void rateOptionsAreChecked() {
    Map<String, String> base = Map.of("kafka.bootstrap.servers", "h:1", "subscribe", "t");
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parse(base, "maxTriggerDelay", "5s"))
            .getMessage(),
        containsString("maxTriggerDelay only applies with minOffsetsPerTrigger"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class, () -> parse(base, "maxOffsetsPerTrigger", "ten"))
            .getMessage(),
        containsString("maxOffsetsPerTrigger must be a whole number, but is 'ten'"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parse(base, "includeHeaders", "yes"))
            .getMessage(),
        containsString("includeHeaders must be true or false"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parse(base, "minPartitions", "4"))
            .getMessage(),
        containsString("minPartitions is not supported"));
  }

  private static KafkaSourceOptions parse(Map<String, String> base, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(base);
    all.put(key, value);
    return KafkaSourceOptions.parse(all, STREAMING);
  }
}
