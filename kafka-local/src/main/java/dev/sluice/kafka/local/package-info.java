/**
 * A real Apache Kafka broker on loopback for tests and local runs: {@link
 * dev.sluice.kafka.local.LocalKafkaBroker} starts Kafka's own KRaft broker in this JVM with a fresh
 * log directory and stops it (deleting the directory) on close.
 *
 * <pre>{@code
 * try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
 *   broker.createTopic("in", 1);
 *   broker.produce("in", List.of("hello"));
 * }
 * }</pre>
 */
package dev.sluice.kafka.local;
