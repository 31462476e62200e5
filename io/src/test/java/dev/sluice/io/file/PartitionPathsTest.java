package dev.sluice.io.file;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link PartitionPaths}. */
@RunWith(JUnit4.class)
public class PartitionPathsTest {
  @Test
  public void escapesTheCharactersSparkEscapesAndUnescapesThem() {
    String raw = "a/b:c=d%e#f?g*h\"i'j\\k{l[m]n^o\u0001 é";
    String escaped = PartitionPaths.escape(raw);
    assertThat(escaped, is("a%2Fb%3Ac%3Dd%25e%23f%3Fg%2Ah%22i%27j%5Ck%7Bl%5Bm%5Dn%5Eo%01 é"));
    assertThat(PartitionPaths.unescape(escaped), is(raw));
    // Not a valid escape: kept as it is.
    assertThat(PartitionPaths.unescape("50%-off%4"), is("50%-off%4"));
  }

  @Test
  public void directoriesFormatValuesAsSparkCastsThemAndNullAsTheHiveDefault() {
    Schema schema =
        DdlSchema.parse("day DATE, ts TIMESTAMP, n INT, d DECIMAL(5,2), s STRING, b BOOLEAN");
    Row row =
        Row.withSchema(schema)
            .addValues(
                LocalDate.of(2024, 5, 1),
                Instant.parse("2024-05-01T10:20:30.500Z"),
                -3,
                new BigDecimal("1.50"),
                null,
                true)
            .build();
    assertThat(
        PartitionPaths.directory(row, List.of("day", "ts", "n", "d", "s", "b")),
        is(
            "day=2024-05-01/ts=2024-05-01 10%3A20%3A30.5/n=-3/d=1.50"
                + "/s=__HIVE_DEFAULT_PARTITION__/b=true"));
    Row empty = Row.withSchema(schema).addValues(null, null, null, null, "", null).build();
    assertThat(PartitionPaths.directory(empty, List.of("s")), is("s=__HIVE_DEFAULT_PARTITION__"));
  }

  @Test
  public void valuesAreReadFromTheDirectoriesBelowTheBase() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("day", "2024-05-01");
    expected.put("kind", "a/b");
    expected.put("x", null);
    assertThat(
        PartitionPaths.values(
            Paths.get("/data/out"),
            Paths.get(
                "/data/out/day=2024-05-01/kind=a%2Fb/x=__HIVE_DEFAULT_PARTITION__/f.parquet")),
        is(expected));
    assertThat(
        PartitionPaths.values(Paths.get("/data/out"), Paths.get("/data/out/f.parquet")).isEmpty(),
        is(true));
  }

  @Test
  public void parsesValuesAsTheSchemaTypesAndNamesBadOnes() {
    assertThat(
        PartitionPaths.parse("d", "2024-05-01", SparkTypes.DATE.withNullable(true)),
        is(LocalDate.of(2024, 5, 1)));
    assertThat(PartitionPaths.parse("n", "42", FieldType.INT64), is(42L));
    assertThat(
        PartitionPaths.parse("t", "2024-05-01 10:20:30.5", SparkTypes.TIMESTAMP),
        is(Instant.parse("2024-05-01T10:20:30.500Z")));
    assertThat(
        PartitionPaths.parse("m", "1.5", SparkTypes.decimal(5, 2)), is(new BigDecimal("1.50")));
    assertThat(PartitionPaths.parse("s", null, FieldType.STRING), is((Object) null));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PartitionPaths.parse("day", "yesterday", SparkTypes.DATE));
    assertThat(e.getMessage(), containsString("day=yesterday does not hold a date value"));
  }

  @Test
  public void infersTypesAsSpark() {
    assertThat(PartitionPaths.inferType(Arrays.asList("1", "-2", null)), is(FieldType.INT32));
    assertThat(PartitionPaths.inferType(List.of("1", "3000000000")), is(FieldType.INT64));
    assertThat(PartitionPaths.inferType(List.of("1", "2.5")), is(FieldType.DOUBLE));
    assertThat(PartitionPaths.inferType(List.of("2024-05-01")), is(SparkTypes.DATE));
    assertThat(PartitionPaths.inferType(List.of("2024-05-01 10:00:00")), is(SparkTypes.TIMESTAMP));
    assertThat(PartitionPaths.inferType(List.of("2024-05-01", "7")), is(FieldType.STRING));
    assertThat(PartitionPaths.inferType(Arrays.asList((String) null)), is(FieldType.STRING));
  }

  @Test
  public void checkRefusesUnknownComplexRepeatedAndAllColumns() {
    Schema schema = DdlSchema.parse("a INT, tags ARRAY<STRING>");
    assertThat(
        assertThrows(
                IllegalArgumentException.class, () -> PartitionPaths.check(schema, List.of("b")))
            .getMessage(),
        containsString("Partition column b is not a column"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class, () -> PartitionPaths.check(schema, List.of("tags")))
            .getMessage(),
        containsString("Cannot use array<string> for partition column tags"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPaths.check(DdlSchema.parse("a INT"), List.of("a")))
            .getMessage(),
        containsString("at least one column must be left"));
  }
}
