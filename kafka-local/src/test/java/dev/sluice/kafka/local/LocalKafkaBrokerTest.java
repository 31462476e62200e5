package dev.sluice.kafka.local;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link LocalKafkaBroker}: a real broker, started and stopped by each test. */
@RunWith(JUnit4.class)
public class LocalKafkaBrokerTest {

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  @Test
  public void startsProducesConsumesAndStopsDeletingItsDirectory() {
    Path dir;
    try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
      dir = broker.logDir();
      assertThat(Files.isDirectory(dir), is(true));
      assertThat(broker.bootstrapServers(), containsString("127.0.0.1:"));
      broker.createTopic("words", 2);
      broker.produce("words", 0, List.of("a", "b"));
      broker.produce("words", 1, List.of("c"));
      assertThat(values(broker.consume("words", 3)), containsInAnyOrder("a", "b", "c"));
      assertThat(broker.endOffsets("words", false), is(Map.of(0, 2L, 1, 1L)));

      broker.deleteRecordsBefore("words", 0, 1);
      assertThat(values(broker.consume("words", 2)), containsInAnyOrder("b", "c"));

      broker.addPartitions("words", 3);
      assertThat(broker.endOffsets("words", false).keySet(), contains(0, 1, 2));

      broker.deleteTopic("words");
      IllegalStateException missing =
          assertThrows(IllegalStateException.class, () -> broker.createTopic("words", 0));
      assertThat(missing.getMessage(), containsString("create topic words"));
    }
    assertThat(Files.exists(dir), is(false));
  }

  @Test
  public void twoBrokersRunAtOnceIndependently() {
    try (LocalKafkaBroker first = LocalKafkaBroker.start();
        LocalKafkaBroker second = LocalKafkaBroker.start()) {
      assertThat(first.bootstrapServers(), not(second.bootstrapServers()));
      assertThat(first.logDir(), not(second.logDir()));
      first.createTopic("t", 1);
      second.createTopic("t", 1);
      first.produce("t", List.of("first"));
      second.produce("t", List.of("second-1", "second-2"));
      assertThat(values(first.consume("t", 1)), contains("first"));
      assertThat(values(second.consume("t", 2)), contains("second-1", "second-2"));
      assertThat(first.endOffsets("t", false), is(Map.of(0, 1L)));
    }
  }

  @Test
  public void readCommittedConsumerSeesNonTransactionalRecords() {
    try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
      broker.createTopic("few", 1);
      broker.produce("few", List.of("x"));
      assertThat(values(broker.consume("few", 1, true)), contains("x"));
    }
  }
}
