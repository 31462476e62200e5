package dev.sluice.kafka.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker for tests and local runs: Kafka's own broker and
 * controller (KRaft mode, one process role {@code broker,controller}) started inside this JVM, on
 * loopback ({@code 127.0.0.1}), on free ephemeral ports, with a fresh temporary log directory.
 * {@link #close()} stops it and deletes the directory.
 *
 * <p>{@link #start()} returns once the broker answers a metadata request (its cluster description
 * through an admin client), or fails after {@link #STARTUP_TIMEOUT} with what went wrong. Internal
 * topics (consumer offsets, transaction state) use replication factor 1, so consumer groups and
 * transactions work; topics are not created automatically ({@link #createTopic}).
 *
 * <pre>{@code
 * try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
 *   broker.createTopic("events", 2);
 *   broker.produce("events", List.of("a", "b", "c"));
 *   List<ConsumerRecord<byte[], byte[]>> read = broker.consume("events", 3);
 *   System.out.println(broker.bootstrapServers() + " gave " + read.size() + " records");
 * }
 * }</pre>
 */
public final class LocalKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

  /** The longest {@link #start()} waits for the broker to answer (a hang guard). */
  public static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

  /** The longest an admin call, a produce or a consume of the helpers waits (a hang guard). */
  public static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(1);

  private static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final KafkaRaftServer server;
  private final int port;
  private final Admin admin;
  private boolean closed;

  private LocalKafkaBroker(Path dir, KafkaRaftServer server, int port, Admin admin) {
    this.dir = dir;
    this.server = server;
    this.port = port;
    this.admin = admin;
  }

  /** Starts a broker with the default configuration. */
  public static LocalKafkaBroker start() {
    return start(Map.of());
  }

  /**
   * Starts a broker whose server configuration is the default one with {@code overrides} on top
   * (Kafka broker config names, e.g. {@code auto.create.topics.enable=true}).
   *
   * @throws IllegalStateException if the broker did not start within {@link #STARTUP_TIMEOUT}
   */
  public static LocalKafkaBroker start(Map<String, String> overrides) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(overrides);
      } catch (PortTakenException e) {
        // another process took a probed port between the probe and the bind: try new ports
        LOG.warn("Local Kafka broker: {}; retrying with other ports", e.getMessage());
        last = e;
      }
    }
    throw new IllegalStateException(
        "Local Kafka broker did not start after " + START_ATTEMPTS + " attempts", last);
  }

  private static LocalKafkaBroker startOnce(Map<String, String> overrides) {
    Path dir;
    try {
      dir = Files.createTempDirectory("sluice-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a log directory for the local Kafka broker", e);
    }
    KafkaRaftServer server = null;
    Admin admin = null;
    try {
      int brokerPort = freePort();
      int controllerPort = freePort();
      Map<String, Object> props = config(dir, brokerPort, controllerPort);
      props.putAll(overrides);
      KafkaConfig config = new KafkaConfig(props, false);
      format(config, dir);
      server = new KafkaRaftServer(config, Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        if (isBindFailure(e)) {
          throw new PortTakenException(e);
        }
        throw e;
      }
      admin = Admin.create(adminConfig(HOST + ":" + brokerPort));
      awaitMetadata(admin, HOST + ":" + brokerPort);
      LOG.info("Local Kafka broker at {}:{} (log dir {})", HOST, brokerPort, dir);
      return new LocalKafkaBroker(dir, server, brokerPort, admin);
    } catch (RuntimeException | Error e) {
      stopQuietly(admin, server, dir, e);
      throw e;
    } catch (Exception e) {
      stopQuietly(admin, server, dir, e);
      throw new IllegalStateException("Local Kafka broker failed to start: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> config(Path dir, int brokerPort, int controllerPort) {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("delete.topic.enable", "true");
    return p;
  }

  private static void format(KafkaConfig config, Path dir) throws Exception {
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8"))
            .setNodeId(config.nodeId())
            .setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName("CONTROLLER")
            .setMetadataLogDirectory(config.metadataLogDir())
            .setDirectories(List.of(dir.resolve("data").toString()))
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    formatter.run();
  }

  private static void awaitMetadata(Admin admin, String address) throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      }
      Thread.sleep(50); // poll interval of the readiness condition, not an assertion
    }
    throw new IllegalStateException(
        "Local Kafka broker at "
            + address
            + " did not answer a metadata request within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s",
        last);
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.net.BindException || message.contains("failed to bind")) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static Map<String, Object> adminConfig(String bootstrap) {
    Map<String, Object> c = new HashMap<>();
    c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return c;
  }

  private static void stopQuietly(
      Admin admin, KafkaRaftServer server, Path dir, Throwable failure) {
    if (admin != null) {
      try {
        admin.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    if (server != null) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    try {
      deleteRecursively(dir);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  // ---- what tests and examples use --------------------------------------------------------

  /** {@code 127.0.0.1:<port>}: the value of a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The broker's temporary directory (logs and metadata); deleted by {@link #close()}. */
  public Path logDir() {
    return dir;
  }

  /**
   * The broker's admin client (owned by the broker: do not close it). For what the helpers do not
   * cover, e.g. topic configs.
   */
  public Admin admin() {
    return admin;
  }

  /**
   * Creates {@code name} with {@code partitions} partitions (replication factor 1) and waits until
   * every partition has a leader.
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Creates {@code name} with topic configs (e.g. {@code retention.ms}) and waits for leaders. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
    await("create topic " + name, admin.createTopics(List.of(topic)).all());
    awaitLeaders(name, partitions);
  }

  /** Grows {@code name} to {@code totalPartitions} partitions and waits for their leaders. */
  public void addPartitions(String name, int totalPartitions) {
    await(
        "add partitions to " + name,
        admin.createPartitions(Map.of(name, NewPartitions.increaseTo(totalPartitions))).all());
    awaitLeaders(name, totalPartitions);
  }

  /** Deletes {@code name} and waits until the broker no longer lists it. */
  public void deleteTopic(String name) {
    await("delete topic " + name, admin.deleteTopics(List.of(name)).all());
    awaitCondition(
        "topic " + name + " to disappear",
        () -> !await("list topics", admin.listTopics().names()).contains(name));
  }

  /**
   * Deletes the records of {@code topic}-{@code partition} before {@code offset}, as retention
   * would: the partition's log start offset becomes {@code offset}.
   */
  public void deleteRecordsBefore(String topic, int partition, long offset) {
    await(
        "delete records of " + topic + "-" + partition,
        admin
            .deleteRecords(
                Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
            .all());
  }

  /** Produces UTF-8 values without keys, in order, and waits until all are acknowledged. */
  public void produce(String topic, List<String> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String v : values) {
      records.add(new ProducerRecord<>(topic, v.getBytes(StandardCharsets.UTF_8)));
    }
    send(records);
  }

  /** Produces UTF-8 values to one partition, in order, and waits for the acknowledgements. */
  public void produce(String topic, int partition, List<String> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String v : values) {
      records.add(new ProducerRecord<>(topic, partition, null, v.getBytes(StandardCharsets.UTF_8)));
    }
    send(records);
  }

  /** Sends {@code records} with an idempotent producer and waits until all are acknowledged. */
  public void send(List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        acks.add(producer.send(r));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Producing to the local Kafka broker failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while producing", e);
    }
  }

  /**
   * Reads {@code count} records of {@code topic} from the beginning of every partition (read
   * uncommitted), waiting for them up to {@link #OPERATION_TIMEOUT}.
   *
   * @throws IllegalStateException if fewer arrived in time, naming how many did
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
    return consume(topic, count, false);
  }

  /**
   * Reads {@code count} records of {@code topic} from the beginning; with {@code readCommitted}
   * only records of committed transactions (and non-transactional ones).
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(
      String topic, int count, boolean readCommitted) {
    Map<String, Object> c = consumerConfig();
    c.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (var info : consumer.partitionsFor(topic, OPERATION_TIMEOUT)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    if (out.size() < count) {
      throw new IllegalStateException(
          "Expected "
              + count
              + " records in "
              + topic
              + " but only "
              + out.size()
              + " arrived within "
              + OPERATION_TIMEOUT.toSeconds()
              + " s");
    }
    return out;
  }

  /**
   * The end offset (next offset to be written) of every partition of {@code topic}, by partition;
   * with {@code readCommitted} the last stable offset.
   */
  public Map<Integer, Long> endOffsets(String topic, boolean readCommitted) {
    Map<String, Object> c = consumerConfig();
    c.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (var info : consumer.partitionsFor(topic, OPERATION_TIMEOUT)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      Map<Integer, Long> out = new TreeMap<>();
      consumer
          .endOffsets(partitions, OPERATION_TIMEOUT)
          .forEach((tp, offset) -> out.put(tp.partition(), offset));
      return out;
    }
  }

  /** A producer configuration for this broker: byte-array serializers, acks=all. */
  public Map<String, Object> producerConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) OPERATION_TIMEOUT.toMillis());
    return c;
  }

  /** A consumer configuration for this broker: byte-array deserializers, no group, no commits. */
  public Map<String, Object> consumerConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return c;
  }

  /** Stops the broker and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = new IllegalStateException("Stopping the local Kafka broker failed");
    stopQuietly(admin, server, dir, failure);
    LOG.info("Local Kafka broker at {} stopped", bootstrapServers());
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "LocalKafkaBroker[" + bootstrapServers() + ", " + dir + "]";
  }

  // ---- internals -------------------------------------------------------------------------------

  private void awaitLeaders(String topic, int partitions) {
    awaitCondition(
        partitions + " partitions of " + topic + " to have leaders",
        () -> {
          Map<String, TopicDescription> d =
              await("describe " + topic, admin.describeTopics(Set.of(topic)).allTopicNames());
          TopicDescription description = d.get(topic);
          return description != null
              && description.partitions().size() == partitions
              && description.partitions().stream().allMatch(p -> p.leader() != null);
        });
  }

  private interface Condition {
    boolean holds();
  }

  private void awaitCondition(String what, Condition condition) {
    long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (IllegalStateException e) {
        // not there yet (e.g. topic metadata still propagating): ask again
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Timed out after " + OPERATION_TIMEOUT.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(20); // poll interval of the condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for " + what, e);
      }
    }
  }

  private static <T> T await(String what, org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Local Kafka broker: " + what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Local Kafka broker: "
              + what
              + " timed out after "
              + OPERATION_TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + what, e);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** A probed port was taken before the broker bound it. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(Throwable cause) {
      super("a port was taken before the broker could bind it: " + cause.getMessage(), cause);
    }
  }
}
