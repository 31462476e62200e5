package dev.sluice.io.file;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.format.MalformedRecordException;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Static writes and reads of file tables: round trips, partitions, inference, bad input. */
@RunWith(JUnit4.class)
public class FileTableTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final Schema PEOPLE = DdlSchema.parse("name STRING, age INT, day DATE");

  private static List<Row> people() {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.withSchema(PEOPLE).addValues("ann", 42, LocalDate.of(2024, 5, 1)).build());
    rows.add(Row.withSchema(PEOPLE).addValues("bob", null, LocalDate.of(2024, 5, 2)).build());
    rows.add(Row.withSchema(PEOPLE).addValues("cy", 7, LocalDate.of(2024, 5, 1)).build());
    return rows;
  }

  @Test
  public void jsonPartitionedByDateRoundTripsWithInference() throws Exception {
    String out = tmp.getRoot().toPath().resolve("people").toString();
    FileTableWriter writer = FileTableWriter.format("json", out).withPartitionBy("day");
    assertFalse(writer.exists());
    writer.write(PEOPLE, people());
    assertTrue(writer.exists());
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    assertTrue(Files.isDirectory(Path.of(out, "day=2024-05-01")));
    FileTableReader reader = FileTableReader.format("json", List.of(out), Map.of());
    Schema schema = reader.inferSchema();
    assertThat(SparkTypes.simpleString(schema), equalTo("struct<age:bigint,name:string,day:date>"));
    List<String> got = new ArrayList<>();
    for (Row r : reader.read(schema)) {
      got.add(r.getString("name") + "/" + r.getValue("age") + "/" + r.getValue("day"));
    }
    got.sort(null);
    assertThat(
        got, equalTo(List.of("ann/42/2024-05-01", "bob/null/2024-05-02", "cy/7/2024-05-01")));
  }

  @Test
  public void csvWithHeaderInfersOrReadsStrings() throws Exception {
    String out = tmp.getRoot().toPath().resolve("csv").toString();
    FileTableWriter.format("csv", out)
        .withOptions(Map.of("header", "true"))
        .write(PEOPLE, people());
    FileTableReader typed =
        FileTableReader.format(
            "csv", List.of(out), Map.of("header", "true", "inferSchema", "true"));
    Schema schema = typed.inferSchema();
    assertThat(SparkTypes.simpleString(schema), equalTo("struct<name:string,age:int,day:date>"));
    List<Row> rows = typed.read(schema);
    assertThat(rows.size(), equalTo(3));
    assertThat(rows.get(0).getInt32("age"), equalTo(42));
    assertThat(rows.get(1).getValue("age"), equalTo(null));
    FileTableReader strings = FileTableReader.format("csv", List.of(out), Map.of("header", "true"));
    assertThat(
        SparkTypes.simpleString(strings.inferSchema()),
        equalTo("struct<name:string,age:string,day:string>"));
  }

  @Test
  public void textAndWholeText() throws Exception {
    Path dir = tmp.newFolder("text").toPath();
    Files.writeString(dir.resolve("a.txt"), "one\ntwo\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("_hidden.txt"), "no\n", StandardCharsets.UTF_8);
    FileTableReader lines = FileTableReader.format("text", List.of(dir.toString()), Map.of());
    Schema schema = lines.inferSchema();
    assertThat(lines.read(schema).size(), equalTo(2));
    FileTableReader whole =
        FileTableReader.format("text", List.of(dir.toString()), Map.of("wholetext", "true"));
    assertThat(whole.read(schema).get(0).getString("value"), equalTo("one\ntwo\n"));
  }

  @Test
  public void malformedLinesFollowTheMode() throws Exception {
    Path dir = tmp.newFolder("bad").toPath();
    Files.writeString(
        dir.resolve("a.json"), "{\"a\": 1}\n{oops\n{\"a\": 2}\n", StandardCharsets.UTF_8);
    FileTableReader permissive = FileTableReader.format("json", List.of(dir.toString()), Map.of());
    Schema schema = permissive.inferSchema();
    assertThat(SparkTypes.simpleString(schema), equalTo("struct<_corrupt_record:string,a:bigint>"));
    List<Row> rows = permissive.read(schema);
    assertThat(rows.get(1).getString("_corrupt_record"), equalTo("{oops"));
    FileTableReader dropping =
        FileTableReader.format("json", List.of(dir.toString()), Map.of("mode", "DROPMALFORMED"));
    assertThat(dropping.read(dropping.inferSchema()).size(), equalTo(2));
    FileTableReader failing =
        FileTableReader.format("json", List.of(dir.toString()), Map.of("mode", "FAILFAST"));
    Schema given = DdlSchema.parse("a BIGINT");
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> failing.read(given));
    assertThat(e.getMessage(), containsString("a.json"));
  }

  @Test
  public void missingPathsAndUnwritableSchemasAreNamed() throws Exception {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> FileTableReader.format("json", List.of(tmp.getRoot() + "/nope"), Map.of()));
    assertThat(missing.getMessage(), containsString("Path does not exist: file:" + tmp.getRoot()));
    Path empty = tmp.newFolder("empty").toPath();
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FileTableReader.format("json", List.of(empty.toString()), Map.of())
                        .inferSchema())
            .getMessage(),
        containsString("Unable to infer schema for JSON"));
    String out = tmp.getRoot().toPath().resolve("text-out").toString();
    assertThrows(
        IllegalArgumentException.class,
        () -> FileTableWriter.format("text", out).write(PEOPLE, people()));
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  public void deleteRemovesTheWholeTree() throws Exception {
    String out = tmp.getRoot().toPath().resolve("gone").toString();
    FileTableWriter writer = FileTableWriter.format("json", out).withPartitionBy("day");
    writer.write(PEOPLE, people());
    writer.delete();
    assertFalse(writer.exists());
  }
}
