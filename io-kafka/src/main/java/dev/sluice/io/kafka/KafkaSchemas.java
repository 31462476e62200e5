package dev.sluice.io.kafka;

import dev.sluice.io.schema.DdlSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.joda.time.Instant;

/**
 * The rows of Spark's Kafka source: {@code key BINARY, value BINARY, topic STRING, partition INT,
 * offset BIGINT, timestamp TIMESTAMP, timestampType INT}, and with {@code includeHeaders} also
 * {@code headers ARRAY<STRUCT<key: STRING, value: BINARY>>}. {@code timestampType} is Kafka's id: 0
 * create time, 1 log-append time.
 *
 * <pre>{@code
 * Row row = KafkaSchemas.toRow(record, false);
 * byte[] value = row.getBytes("value");
 * }</pre>
 */
public final class KafkaSchemas {
  /** The rows' schema without headers. */
  public static final Schema SCHEMA =
      DdlSchema.parse(
          "key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT,"
              + " timestamp TIMESTAMP, timestampType INT");

  /** One header: {@code STRUCT<key: STRING, value: BINARY>}. */
  public static final Schema HEADER = DdlSchema.parse("key STRING, value BINARY");

  /** The rows' schema with {@code includeHeaders=true}. */
  public static final Schema SCHEMA_WITH_HEADERS =
      Schema.builder()
          .addFields(SCHEMA.getFields())
          .addNullableField("headers", Schema.FieldType.array(Schema.FieldType.row(HEADER)))
          .build();

  private KafkaSchemas() {}

  /** The schema of the source's rows. */
  public static Schema schema(boolean includeHeaders) {
    return includeHeaders ? SCHEMA_WITH_HEADERS : SCHEMA;
  }

  /** {@code record} as a row of {@link #schema(boolean)}. */
  public static Row toRow(ConsumerRecord<byte[], byte[]> record, boolean includeHeaders) {
    List<Object> values = new ArrayList<>(includeHeaders ? 8 : 7);
    values.add(record.key());
    values.add(record.value());
    values.add(record.topic());
    values.add(record.partition());
    values.add(record.offset());
    values.add(new Instant(record.timestamp()));
    values.add(record.timestampType().id);
    if (includeHeaders) {
      List<Row> headers = new ArrayList<>();
      for (Header h : record.headers()) {
        headers.add(Row.withSchema(HEADER).attachValues(h.key(), h.value()));
      }
      values.add(headers);
    }
    // the values have the schema's types already: attach them without a copy or a check
    return Row.withSchema(schema(includeHeaders)).attachValues(values);
  }
}
