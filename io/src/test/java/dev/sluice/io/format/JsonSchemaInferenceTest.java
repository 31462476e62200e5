package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Spark's JSON schema inference, case by case. */
@RunWith(JUnit4.class)
public class JsonSchemaInferenceTest {
  private static String infer(Map<String, String> options, String... lines) {
    return SparkTypes.simpleString(JsonSchemaInference.infer(List.of(lines), options));
  }

  private static String infer(String... lines) {
    return infer(Map.of(), lines);
  }

  @Test
  public void fieldsAreSortedByNameAndNumbersWiden() {
    assertThat(
        infer("{\"z\": 1, \"a\": \"x\", \"m\": true}", "{\"z\": 2.5}"),
        equalTo("struct<a:string,m:boolean,z:double>"));
    assertThat(infer("{\"n\": 1}", "{\"n\": 2}"), equalTo("struct<n:bigint>"));
    assertThat(
        infer("{\"n\": 1}", "{\"n\": 123456789012345678901234567890}"),
        equalTo("struct<n:decimal(30,0)>"));
    assertThat(infer("{\"n\": 1}", "{\"n\": \"one\"}"), equalTo("struct<n:string>"));
    assertThat(infer("{\"n\": true}", "{\"n\": 1}"), equalTo("struct<n:string>"));
  }

  @Test
  public void nestedStructsAndArraysMerge() {
    assertThat(
        infer(
            "{\"user\": {\"name\": \"a\"}, \"tags\": [\"x\", null]}",
            "{\"user\": {\"age\": 3}, \"tags\": []}",
            "{\"points\": [1, 2.5], \"matrix\": [[1], [2, 3]]}"),
        equalTo(
            "struct<matrix:array<array<bigint>>,points:array<double>,tags:array<string>,"
                + "user:struct<age:bigint,name:string>>"));
  }

  @Test
  public void nullsEmptyStringsAndEmptyStructsSayNothing() {
    assertThat(
        infer("{\"a\": null, \"b\": \"\", \"c\": {}, \"d\": []}"),
        equalTo("struct<a:string,b:string,d:array<string>>"));
    assertThat(
        infer(Map.of("dropFieldIfAllNull", "true"), "{\"a\": null, \"b\": 1}"),
        equalTo("struct<b:bigint>"));
    assertThat(infer("{\"a\": \"\"}", "{\"a\": 5}"), equalTo("struct<a:bigint>"));
  }

  @Test
  public void timestampsOnlyWithInferTimestamp() {
    String[] lines = {"{\"ts\": \"2018-03-02T10:02:33\"}", "{\"ts\": \"2018-03-02 10:03:00Z\"}"};
    assertThat(infer(lines), equalTo("struct<ts:string>"));
    assertThat(infer(Map.of("inferTimestamp", "true"), lines), equalTo("struct<ts:timestamp>"));
    assertThat(
        infer(
            Map.of("inferTimestamp", "true"),
            "{\"ts\": \"2018-03-02T10:02:33\"}",
            "{\"ts\": \"later\"}"),
        equalTo("struct<ts:string>"));
  }

  @Test
  public void primitivesAsStringAndPrefersDecimal() {
    assertThat(
        infer(Map.of("primitivesAsString", "true"), "{\"a\": 1, \"b\": true, \"c\": [2]}"),
        equalTo("struct<a:string,b:string,c:array<string>>"));
    assertThat(
        infer(Map.of("prefersDecimal", "true"), "{\"a\": 1.25}", "{\"a\": 10.5}"),
        equalTo("struct<a:decimal(4,2)>"));
  }

  @Test
  public void malformedRecordsFollowTheMode() {
    assertThat(
        infer("{\"a\": 1}", "{broken", "42"), equalTo("struct<_corrupt_record:string,a:bigint>"));
    assertThat(
        infer(Map.of("mode", "DROPMALFORMED"), "{\"a\": 1}", "{broken"),
        equalTo("struct<a:bigint>"));
    assertThat(
        infer(Map.of("columnNameOfCorruptRecord", "bad"), "{\"a\": 1}", "{broken"),
        equalTo("struct<a:bigint,bad:string>"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> infer(Map.of("mode", "FAILFAST"), "{\"a\": 1}", "{broken"));
    assertThat(e.getMessage(), containsString("Parse Mode: FAILFAST"));
  }

  @Test
  public void topLevelArraysAreRows() {
    assertThat(infer("[{\"a\": 1}, {\"b\": \"x\"}]"), equalTo("struct<a:bigint,b:string>"));
    assertThat(infer(), equalTo("struct<>"));
  }

  @Test
  public void samplingIsRepeatableAndChecked() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add(i == 999 ? "{\"late\": 1}" : "{\"a\": " + i + "}");
    }
    Schema all = JsonSchemaInference.infer(lines, Map.of());
    assertThat(all.hasField("late"), equalTo(true));
    Schema sampled = JsonSchemaInference.infer(lines, Map.of("samplingRatio", "0.1"));
    assertThat(JsonSchemaInference.infer(lines, Map.of("samplingRatio", "0.1")), equalTo(sampled));
    assertThat(sampled.hasField("a"), equalTo(true));
    assertThrows(
        IllegalArgumentException.class,
        () -> JsonSchemaInference.infer(lines, Map.of("samplingRatio", "0")));
  }
}
