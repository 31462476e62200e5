package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.schema.DdlSchema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Files written by independent Parquet writers (Arrow C++ through pyarrow 25.0.1, DuckDB 1.5.6;
 * made by {@code src/test/resources/interop/make_interop_files.py}) are read by Sluice with the
 * schema Spark would give them and the values they hold. Also writes {@code
 * target/interop/sluice_all_types.parquet} for {@code read_sluice_files.py}, which checks the other
 * way round by hand (those readers are not part of the build).
 */
@RunWith(JUnit4.class)
public class InteropFilesTest {
  private static Path resource(String name) throws Exception {
    return Paths.get(InteropFilesTest.class.getResource("/interop/" + name).toURI());
  }

  @Test
  public void pyarrowFileWithSparksDefaultLayoutAndInt96Timestamps() throws Exception {
    Path file = resource("pyarrow_int96.parquet");
    Schema schema = RowParquetReader.readSchema(file);
    assertThat(
        schema,
        is(
            DdlSchema.parse(
                "id BIGINT, name STRING, ts TIMESTAMP, day DATE, d9 DECIMAL(9,2),"
                    + " d18 DECIMAL(18,4), d38 DECIMAL(38,10), tags ARRAY<STRING>,"
                    + " props MAP<STRING, INT>, point STRUCT<x: DOUBLE, y: DOUBLE>")));
    List<Row> rows = RowParquetReaderTest.readAll(file, null);
    Schema point = schema.getField("point").getType().getRowSchema();
    Map<String, Integer> props = new LinkedHashMap<>();
    props.put("k", 1);
    props.put("n", null);
    assertThat(
        rows,
        contains(
            Row.withSchema(schema)
                .addValues(
                    1L,
                    "a",
                    Instant.parse("2024-05-01T12:30:45.123Z"),
                    LocalDate.of(2024, 5, 1),
                    new BigDecimal("-1234567.89"),
                    new BigDecimal("12345678901234.5678"),
                    new BigDecimal("-1234567890123456789012345678.0123456789"),
                    Arrays.asList("x", null),
                    props,
                    Row.withSchema(point).addValues(1.5, null).build())
                .build(),
            Row.withSchema(schema)
                .addValues(
                    2L,
                    null,
                    null,
                    LocalDate.of(1500, 2, 28),
                    null,
                    null,
                    null,
                    List.of(),
                    Map.of(),
                    null)
                .build(),
            Row.withSchema(schema)
                .addValues(
                    null,
                    "ü",
                    Instant.parse("1969-12-31T23:59:59.999Z"),
                    null,
                    new BigDecimal("0.01"),
                    new BigDecimal("-1.0000"),
                    new BigDecimal("0E-10"),
                    null,
                    null,
                    Row.withSchema(point).addValues(null, -2.0).build())
                .build()));
  }

  @Test
  public void pyarrowFileWithMillisecondTimestampsAndItemElements() throws Exception {
    Path file = resource("pyarrow_millis.parquet");
    Schema schema = RowParquetReader.readSchema(file);
    assertThat(
        schema,
        is(
            DdlSchema.parse(
                "ts TIMESTAMP, nums ARRAY<INT>, small TINYINT, flag BOOLEAN, blob BINARY")));
    List<Row> rows = RowParquetReaderTest.readAll(file, null);
    assertThat(
        rows,
        contains(
            Row.withSchema(schema)
                .addValues(
                    Instant.parse("2024-05-01T00:00:00.007Z"),
                    List.of(1, 2, 3),
                    (byte) -8,
                    true,
                    new byte[] {0, (byte) 0xFF})
                .build(),
            Row.withSchema(schema).addValues(null, null, (byte) 7, null, null).build()));
    // Widening as the given schema asks: tinyint to bigint.
    assertThat(
        RowParquetReaderTest.readAll(file, DdlSchema.parse("small BIGINT"))
            .get(0)
            .getInt64("small"),
        is(-8L));
  }

  @Test
  public void duckdbFileWithZstdAndBothTimestampKinds() throws Exception {
    Path file = resource("duckdb_zstd.parquet");
    Schema schema = RowParquetReader.readSchema(file);
    assertThat(
        schema,
        is(
            DdlSchema.parse(
                "id INT, s STRING, tstz TIMESTAMP, ts_local TIMESTAMP_NTZ, ds ARRAY<DOUBLE>,"
                    + " st STRUCT<a: BIGINT, b: ARRAY<BOOLEAN>>, dec DECIMAL(5,2)")));
    Schema st = schema.getField("st").getType().getRowSchema();
    assertThat(
        RowParquetReaderTest.readAll(file, null),
        contains(
            Row.withSchema(schema)
                .addValues(
                    1,
                    "one",
                    Instant.parse("2024-05-01T10:00:00.500Z"),
                    LocalDateTime.of(2024, 5, 1, 10, 0),
                    Arrays.asList(1.5, null),
                    Row.withSchema(st).addValues(1L, List.of(true, false)).build(),
                    new BigDecimal("123.45"))
                .build(),
            Row.withSchema(schema).addValues(2, null, null, null, null, null, null).build()));
  }

  @Test
  public void writesAFileForTheOtherReaders() throws Exception {
    Path dir = Paths.get("target", "interop");
    Files.createDirectories(dir);
    Path file = dir.resolve("sluice_all_types.parquet");
    Files.deleteIfExists(file);
    RowParquetWriter.write(
        file,
        ParquetTestData.ALL_TYPES,
        List.of(ParquetTestData.full(), ParquetTestData.nulls(), ParquetTestData.empties()),
        CompressionCodecName.SNAPPY);
    assertThat(RowParquetReaderTest.readAll(file, null).size(), is(3));

    // A partitioned sink directory, for Hive-partitioned reading by the other readers.
    Path partitioned = dir.resolve("sluice_partitioned");
    if (Files.exists(partitioned)) {
      try (java.util.stream.Stream<Path> old = Files.walk(partitioned)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Schema events = DdlSchema.parse("id INT, day DATE, kind STRING");
    ParquetFiles.sink(partitioned.toString())
        .withPartitionBy("day", "kind")
        .addBatch(
            0,
            events,
            List.of(
                Row.withSchema(events).addValues(1, LocalDate.of(2024, 5, 1), "a/b").build(),
                Row.withSchema(events).addValues(2, LocalDate.of(2024, 5, 2), null).build()));
    assertThat(Files.isDirectory(partitioned.resolve("day=2024-05-01/kind=a%2Fb")), is(true));
  }
}
