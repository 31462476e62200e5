package dev.sluice.io.parquet;

import dev.sluice.io.schema.DdlSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/** Test support: a schema with every Spark type Parquet holds, and rows of it. */
final class ParquetTestData {
  static final Schema ALL_TYPES =
      DdlSchema.parse(
          "s STRING, b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f FLOAT, d DOUBLE,"
              + " bin BINARY, day DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, d9 DECIMAL(9,2),"
              + " d18 DECIMAL(18,4), d38 DECIMAL(38,10),"
              + " nested STRUCT<name: STRING, inner: STRUCT<x: INT, tags: ARRAY<STRING>>>,"
              + " arr ARRAY<BIGINT>, structs ARRAY<STRUCT<k: STRING, v: DOUBLE>>,"
              + " matrix ARRAY<ARRAY<INT>>, m MAP<STRING, INT>, mnested MAP<INT, ARRAY<STRING>>");

  private ParquetTestData() {}

  /** A row with every field set, negative numbers and edge values. */
  static Row full() {
    Schema nested = ALL_TYPES.getField("nested").getType().getRowSchema();
    Schema inner = nested.getField("inner").getType().getRowSchema();
    Schema kv = ALL_TYPES.getField("structs").getType().getCollectionElementType().getRowSchema();
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("one", 1);
    m.put("none", null);
    Map<Integer, List<String>> mnested = new LinkedHashMap<>();
    mnested.put(7, Arrays.asList("a", null, "c"));
    mnested.put(-1, List.of());
    return Row.withSchema(ALL_TYPES)
        .addValues(
            "héllo, wörld ✓",
            true,
            (byte) -128,
            (short) 32767,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            1.5f,
            -2.25e300,
            "bytes".getBytes(StandardCharsets.UTF_8),
            LocalDate.of(1500, 2, 28),
            Instant.parse("1969-12-31T23:59:59.123Z"),
            LocalDateTime.of(2024, 5, 1, 12, 30, 45, 123_456_000),
            new BigDecimal("-1234567.89"),
            new BigDecimal("12345678901234.5678"),
            new BigDecimal("-1234567890123456789012345678.0123456789"),
            Row.withSchema(nested)
                .addValues(
                    "n", Row.withSchema(inner).addValues(42, Arrays.asList("x", null)).build())
                .build(),
            Arrays.asList(1L, null, -3L),
            Arrays.asList(
                Row.withSchema(kv).addValues("a", 1.0).build(),
                null,
                Row.withSchema(kv).addValues(null, null).build()),
            Arrays.asList(Arrays.asList(1, 2), List.of(), null),
            m,
            mnested)
        .build();
  }

  /** A row with every field null. */
  static Row nulls() {
    return Row.withSchema(ALL_TYPES).addValues(new Object[ALL_TYPES.getFieldCount()]).build();
  }

  /** A row with empty collections and zero values. */
  static Row empties() {
    Schema nested = ALL_TYPES.getField("nested").getType().getRowSchema();
    return Row.withSchema(ALL_TYPES)
        .addValues(
            "",
            false,
            (byte) 0,
            (short) 0,
            0,
            0L,
            0f,
            0d,
            new byte[0],
            LocalDate.of(1970, 1, 1),
            new Instant(0),
            LocalDateTime.of(1970, 1, 1, 0, 0),
            new BigDecimal("0.00"),
            new BigDecimal("0.0000"),
            new BigDecimal("0E-10"),
            Row.withSchema(nested).addValues(null, null).build(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            Map.of())
        .build();
  }
}
