package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.io.schema.SparkTypes;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Spark's CSV schema inference, case by case. */
@RunWith(JUnit4.class)
public class CsvSchemaInferenceTest {
  private static final Map<String, String> INFER = Map.of("header", "true", "inferSchema", "true");

  private static String infer(Map<String, String> options, String... lines) {
    return SparkTypes.simpleString(CsvSchemaInference.infer(List.of(lines), options));
  }

  @Test
  public void withoutInferSchemaEveryColumnIsAString() {
    assertThat(
        infer(Map.of(), "1,2.5,x", "3,4,y"), equalTo("struct<_c0:string,_c1:string,_c2:string>"));
    assertThat(
        infer(Map.of("header", "true"), "id,score", "1,2.5"),
        equalTo("struct<id:string,score:string>"));
  }

  @Test
  public void typesInSparksOrder() {
    assertThat(
        infer(
            INFER,
            "i,l,big,d,day,ts,b,s,empty",
            "1,3000000000,123456789012345678901234,1.5,2024-05-01,2024-05-01 10:00:00,true,x,",
            "2,4,5,NaN,2024-05-02,2024-05-01T11:00:00Z,FALSE,7,"),
        equalTo(
            "struct<i:int,l:bigint,big:decimal(24,0),d:double,day:date,ts:timestamp,b:boolean,"
                + "s:string,empty:string>"));
  }

  @Test
  public void mixedValuesWidenOrBecomeStrings() {
    assertThat(
        infer(INFER, "a,b,c,d", "1,1,1,2024-05-01", "2.5,true,,2024-05-01 10:00:00"),
        equalTo("struct<a:double,b:string,c:int,d:timestamp>"));
    assertThat(
        infer(
            Map.of("header", "true", "inferSchema", "true", "timestampFormat", "yyyy-MM-dd HH:mm"),
            "d",
            "2024-05-01",
            "2024-05-01 10:00"),
        equalTo("struct<d:string>"));
    assertThat(
        infer(
            Map.of("header", "true", "inferSchema", "true", "preferDate", "false"),
            "d",
            "2024-05-01"),
        equalTo("struct<d:timestamp>"));
  }

  @Test
  public void headerNamesAreMadeSafeAndHeaderLinesSkipped() {
    assertThat(
        infer(
            Map.of("header", "true", "inferSchema", "true", "comment", "#"),
            "# comment",
            "",
            "a,,A,b",
            "1,2,3,4",
            "a,,A,b",
            "5,6,7,8"),
        equalTo("struct<a0:int,_c1:int,A2:int,b:int>"));
    assertThat(
        infer(Map.of("header", "true", "inferSchema", "true", "comment", "#"), "# c", "x", "1"),
        equalTo("struct<x:int>"));
  }

  @Test
  public void nullValueAndSeparator() {
    assertThat(
        infer(
            Map.of("header", "true", "inferSchema", "true", "nullValue", "NA", "sep", ";"),
            "a;b",
            "NA;x",
            "3;NA"),
        equalTo("struct<a:int,b:string>"));
  }
}
