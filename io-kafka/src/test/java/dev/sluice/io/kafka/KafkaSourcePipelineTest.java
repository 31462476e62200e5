package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.kafka.local.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * A plain Beam pipeline reading Kafka with io-kafka's {@link KafkaSource} and writing with Beam's
 * KafkaIO, on MicroBatchRunner and on the DirectRunner: same batches, same output.
 */
@RunWith(JUnit4.class)
public class KafkaSourcePipelineTest {
  private static LocalKafkaBroker broker;
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  @BeforeClass
  public static void startBroker() {
    broker = LocalKafkaBroker.start();
  }

  @AfterClass
  public static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  /** Records each element as {@code batch:value} or {@code batch:end} and passes values on. */
  private static final class Upper extends DoFn<Batched<Row>, String> {
    private final String key;

    Upper(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element Batched<Row> e, OutputReceiver<String> out) {
      if (e.isRecord()) {
        String v = new String(e.record().getBytes("value"), StandardCharsets.UTF_8);
        SEEN.get(key).add(e.batch() + ":" + v);
        out.output(v.toUpperCase());
      } else {
        SEEN.get(key).add(e.batch() + ":end");
      }
    }
  }

  private Map<Long, List<String>> run(String runner) {
    String in = "pipe-in-" + TOPICS.incrementAndGet();
    String out = "pipe-out-" + TOPICS.get();
    broker.createTopic(in, 1);
    broker.createTopic(out, 1);
    List<String> words = IntStream.range(0, 25).mapToObj(i -> "w" + i).collect(Collectors.toList());
    broker.produce(in, words);
    String key = runner + "-" + in;
    SEEN.put(key, Collections.synchronizedList(new ArrayList<>()));

    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=" + runner).create());
    p.apply(
            KafkaSource.read()
                .withBootstrapServers(broker.bootstrapServers())
                .withSubscribe(in)
                .withStartingOffsets("earliest")
                .withMaxOffsetsPerTrigger(10)
                .withTrigger(BatchTrigger.availableNow()))
        .apply(ParDo.of(new Upper(key)))
        .apply(
            KafkaIO.<Void, String>write()
                .withBootstrapServers(broker.bootstrapServers())
                .withTopic(out)
                .withValueSerializer(StringSerializer.class)
                .values());
    p.run().waitUntilFinish();

    List<String> written =
        broker.consume(out, words.size()).stream()
            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    assertThat(
        written,
        containsInAnyOrder(words.stream().map(String::toUpperCase).toArray(String[]::new)));
    Map<Long, List<String>> byBatch = new TreeMap<>();
    for (String s : SEEN.get(key)) {
      long batch = Long.parseLong(s.substring(0, s.indexOf(':')));
      byBatch.computeIfAbsent(batch, b -> new ArrayList<>()).add(s.substring(s.indexOf(':') + 1));
    }
    byBatch.values().forEach(Collections::sort);
    return byBatch;
  }

  @Test
  public void sameBatchesAndOutputOnMicroBatchRunnerAndDirectRunner() {
    Map<Long, List<String>> micro = run("MicroBatchRunner");
    Map<Long, List<String>> direct = run("DirectRunner");
    assertThat(micro, is(direct));
    // 25 records at most 10 per batch: 10, 10, 5, then availableNow's no-data marker
    assertThat(micro.keySet(), containsInAnyOrder(0L, 1L, 2L, 3L));
    assertThat(micro.get(0L).size(), is(11));
    assertThat(micro.get(2L).size(), is(6));
    assertThat(micro.get(3L), is(List.of("end")));
  }
}
