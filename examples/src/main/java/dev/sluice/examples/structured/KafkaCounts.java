package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.concat_ws;
import static dev.sluice.structured.Functions.from_json;
import static dev.sluice.structured.Functions.window;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.RunnerOption;
import dev.sluice.examples.support.BundledFiles;
import dev.sluice.kafka.local.LocalKafkaBroker;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code kafka} example (seed 002's pipeline, "Kafka → Structured Streaming → transform →
 * Kafka"): JSON phone events from a Kafka topic, parsed with {@code from_json}, counted per
 * 10-minute window and action with a 10-minute watermark, each updated count written back to
 * another topic as a line of text.
 *
 * <pre>{@code
 * DataFrame events = spark.readStream().format("kafka")
 *     .option("kafka.bootstrap.servers", "localhost:9092")
 *     .option("subscribe", "events")
 *     .option("startingOffsets", "earliest")
 *     .load()
 *     .select(from_json(col("value").cast("string"), "id STRING, action STRING, ts TIMESTAMP")
 *         .as("e"))
 *     .select(col("e.id").as("id"), col("e.action").as("action"), col("e.ts").as("ts"));
 * events.withWatermark("ts", "10 minutes")
 *     .groupBy(window(col("ts"), "10 minutes"), col("action")).count()
 *     .select(concat_ws(" ", col("window.start").cast("string"), col("action"),
 *         col("count").cast("string")).as("value"))
 *     .writeStream().format("kafka")
 *     .option("kafka.bootstrap.servers", "localhost:9092")
 *     .option("topic", "action-counts")
 *     .option("checkpointLocation", "/tmp/checkpoint/kafka")
 *     .outputMode("update")
 *     .start();
 * }</pre>
 *
 * <p>Without {@code --bootstrap-servers} the example starts a Kafka broker in this process (on
 * loopback, in a temporary directory), fills the input topic with the bundled mobile events, runs
 * the query until it has read them all ({@code AvailableNow}), prints the output topic and stops
 * the broker. With {@code --bootstrap-servers} it reads and writes that cluster until stopped.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "kafka",
    mixinStandardHelpOptions = true,
    description =
        "Structured: JSON events from Kafka, counts per 10-minute window and action, written back"
            + " to Kafka (seed 002); starts a local broker unless --bootstrap-servers is given.")
public final class KafkaCounts extends ExampleCommand {
  @Mixin RunnerOption runner;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "A Kafka cluster to use (default: start a local broker with sample events).")
  String bootstrapServers;

  @Option(
      names = "--input-topic",
      defaultValue = "events",
      paramLabel = "TOPIC",
      description = "Topic of JSON events (default: ${DEFAULT-VALUE}).")
  String inputTopic = "events";

  @Option(
      names = "--output-topic",
      defaultValue = "action-counts",
      paramLabel = "TOPIC",
      description = "Topic the counts are written to (default: ${DEFAULT-VALUE}).")
  String outputTopic = "action-counts";

  @Option(
      names = "--checkpoint-location",
      paramLabel = "PATH",
      description = "The query's checkpoint directory (default: a new temporary directory).")
  Path checkpoint;

  /** The seed's pipeline from {@code servers}' {@code in} topic: text lines of updated counts. */
  public static DataFrame counts(StreamingSession spark, String servers, String in) {
    DataFrame events =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", servers)
            .option("subscribe", in)
            .option("startingOffsets", "earliest")
            .load()
            .select(
                from_json(col("value").cast("string"), "id STRING, action STRING, ts TIMESTAMP")
                    .as("e"))
            .select(col("e.id").as("id"), col("e.action").as("action"), col("e.ts").as("ts"));
    return events
        .withWatermark("ts", "10 minutes")
        .groupBy(window(col("ts"), "10 minutes"), col("action"))
        .count()
        .select(
            concat_ws(
                    " ",
                    col("window.start").cast("string"),
                    col("action"),
                    col("count").cast("string"))
                .as("value"));
  }

  @Override
  protected int run() throws Exception {
    Path checkpointDir =
        checkpoint != null ? checkpoint : Files.createTempDirectory("sluice-kafka-checkpoint-");
    StreamingSession spark = runner.session("kafka");
    if (bootstrapServers != null) {
      StreamingQuery query = start(spark, bootstrapServers, checkpointDir, false);
      err()
          .printf(
              "Reading %s, writing %s on %s; stop with Ctrl-C.%n",
              inputTopic, outputTopic, bootstrapServers);
      query.awaitTermination();
      return 0;
    }
    try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
      broker.createTopic(inputTopic, 1);
      broker.createTopic(outputTopic, 1);
      List<String> events = sampleEvents();
      broker.produce(inputTopic, events);
      err()
          .printf(
              "Started a local Kafka broker at %s; wrote %d events to %s.%n",
              broker.bootstrapServers(), events.size(), inputTopic);
      StreamingQuery query = start(spark, broker.bootstrapServers(), checkpointDir, true);
      query.awaitTermination();
      long written =
          broker.endOffsets(outputTopic, false).values().stream().mapToLong(v -> v).sum();
      out().printf("%s (%d records):%n", outputTopic, written);
      for (ConsumerRecord<byte[], byte[]> r : broker.consume(outputTopic, (int) written)) {
        out().println(new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return 0;
  }

  private StreamingQuery start(
      StreamingSession spark, String servers, Path checkpointDir, boolean availableNow) {
    return counts(spark, servers, inputTopic)
        .writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", servers)
        .option("topic", outputTopic)
        .option("checkpointLocation", checkpointDir.toString())
        .outputMode("update")
        .trigger(availableNow ? Trigger.AvailableNow() : Trigger.ProcessingTime(1000))
        .start();
  }

  /** The bundled mobile events, one JSON object a line, in file order. */
  static List<String> sampleEvents() throws Exception {
    Path dir = BundledFiles.copy(Mobile.BUNDLED, Mobile.FILES);
    List<String> lines = new ArrayList<>();
    for (String name : Mobile.FILES) {
      for (String line : Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }
}
