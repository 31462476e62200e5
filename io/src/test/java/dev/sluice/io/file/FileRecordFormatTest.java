package dev.sluice.io.file;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedResults;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Tests for the whole-file format extension point ({@link FileRecordFormat}) of the file source and
 * sink, with a small format of this test: one string per line, a line {@code CORRUPT} making the
 * rest of the file undecodable.
 */
@RunWith(JUnit4.class)
public class FileRecordFormatTest {
  private static final Schema SCHEMA = DdlSchema.parse("value STRING, day DATE");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** One string column, one value per line. */
  static final class LinesFormat implements FileRecordFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
      return "lines";
    }

    @Override
    public String fileExtension() {
      return "lines";
    }

    @Override
    public RowReader open(Path file, Schema dataSchema) throws IOException {
      BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      return new RowReader() {
        @Override
        @Nullable
        public Row next() throws IOException {
          String line = in.readLine();
          if (line == null) {
            return null;
          }
          if (line.equals("CORRUPT")) {
            throw new CorruptFileException(file.toString(), "a CORRUPT line", null);
          }
          return Row.withSchema(dataSchema).addValue(line).build();
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    }

    @Override
    public void write(Path file, Schema schema, List<Row> rows) throws IOException {
      Files.write(
          file,
          rows.stream().map(r -> r.getString(0)).collect(Collectors.toList()),
          StandardCharsets.UTF_8);
    }

    @Override
    public void check(Schema schema) {
      if (schema.getFieldCount() != 1) {
        throw new IllegalArgumentException("lines holds one column, not " + schema);
      }
    }
  }

  private static Row row(String value, LocalDate day) {
    return Row.withSchema(SCHEMA).addValues(value, day).build();
  }

  private static List<Row> records(List<Batched<Row>> elements) {
    return elements.stream()
        .filter(Batched::isRecord)
        .map(Batched::record)
        .collect(Collectors.toList());
  }

  @Test
  public void partitionedSinkOutputIsReadBackWithItsPartitionColumnsAcrossRestarts()
      throws Exception {
    FileSink sink = FileSink.of(new LinesFormat(), tmp.getRoot() + "/out").withPartitionBy("day");
    List<Row> all = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        rows.add(row("b" + batch + "r" + i, i == 3 ? null : LocalDate.of(2024, 5, 1 + i % 2)));
      }
      sink.addBatch(batch, SCHEMA, rows);
      all.addAll(rows);
    }
    Path dir = Path.of(sink.path());
    assertThat(Files.exists(dir.resolve("day=2024-05-02")), is(true));
    assertThat(Files.exists(dir.resolve("day=__HIVE_DEFAULT_PARTITION__")), is(true));
    assertThat(
        SourceFiles.list(dir.toString()).stream().allMatch(f -> f.toString().endsWith(".lines")),
        is(true));
    assertThat(SourceFiles.list(dir.toString()).size(), is(9));

    FileUnboundedSource source =
        FileStreamSource.of(new LinesFormat(), SCHEMA, dir.toString())
            .withMaxFilesPerTrigger(2)
            .withTrigger(BatchTrigger.availableNow())
            .unboundedSource();
    // A new reader from the checkpoint after every element: reopened files skip the rows out.
    List<Batched<Row>> out = BatchedResults.readAll(source, 1, 60_000);
    assertThat(records(out), containsInAnyOrder(all.toArray()));
    assertThat(records(out).size(), is(12));
  }

  @Test
  public void aPlainDirectoryIsListedWithItsPartitionDirectories() throws Exception {
    Path in = tmp.newFolder("plain").toPath();
    Files.createDirectories(in.resolve("day=2024-01-02"));
    Files.writeString(in.resolve("day=2024-01-02/a.lines"), "x\ny\n");
    Files.createDirectories(in.resolve("notapartition"));
    Files.writeString(in.resolve("notapartition/b.lines"), "never\n");
    FileUnboundedSource source =
        FileStreamSource.of(new LinesFormat(), SCHEMA, in.toString())
            .withTrigger(BatchTrigger.once())
            .unboundedSource();
    assertThat(
        records(BatchedResults.readAll(source, 0, 60_000)),
        containsInAnyOrder(row("x", LocalDate.of(2024, 1, 2)), row("y", LocalDate.of(2024, 1, 2))));
    assertThat(SourceFiles.baseDirectory(in + "/*/*.lines"), is(in.toAbsolutePath()));
  }

  private Path corrupt() throws Exception {
    Path in = tmp.newFolder("corrupt").toPath();
    long t = System.currentTimeMillis() - 60_000;
    for (String[] file :
        List.of(
            new String[] {"a.lines", "a1\n"},
            new String[] {"b.lines", "b1\nCORRUPT\nb3\n"},
            new String[] {"c.lines", "c1\n"})) {
      Files.writeString(in.resolve(file[0]), file[1]);
      Files.setLastModifiedTime(in.resolve(file[0]), FileTime.fromMillis(t += 1000));
    }
    return in;
  }

  @Test
  public void aCorruptFileFailsNamingItByDefault() throws Exception {
    Path in = corrupt();
    FileUnboundedSource source =
        FileStreamSource.of(new LinesFormat(), DdlSchema.parse("value STRING"), in.toString())
            .withTrigger(BatchTrigger.once())
            .unboundedSource();
    CorruptFileException e =
        assertThrows(CorruptFileException.class, () -> BatchedResults.readAll(source, 0, 60_000));
    assertThat(e.getMessage(), containsString("Corrupt file " + in.resolve("b.lines")));
  }

  @Test
  public void ignoreCorruptFilesKeepsTheRowsBeforeTheDamageSkipsTheRestAndCountsTheFile()
      throws Exception {
    Path in = corrupt();
    FileUnboundedSource source =
        FileStreamSource.of(new LinesFormat(), DdlSchema.parse("value STRING"), in.toString())
            .withOption("ignoreCorruptFiles", "true")
            .withTrigger(BatchTrigger.once())
            .unboundedSource();
    List<Batched<Row>> out = BatchedResults.readAll(source, 0, 60_000);
    assertThat(
        records(out).stream().map(r -> r.getString(0)).collect(Collectors.toList()),
        contains("a1", "b1", "c1"));
    Batched<Row> end = out.get(out.size() - 1);
    assertThat(end.end().numDroppedMalformed(), is(1L));
  }

  @Test
  public void theSinkChecksTheDataColumnsWithTheFormatBeforeWriting() throws Exception {
    FileSink sink = FileSink.of(new LinesFormat(), tmp.getRoot() + "/bad");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sink.addBatch(0, SCHEMA, List.of(row("x", LocalDate.of(2024, 1, 1)))));
    assertThat(e.getMessage(), containsString("lines holds one column"));
    try (Stream<Path> files = Files.walk(Path.of(sink.path()).getParent())) {
      assertThat(files.anyMatch(f -> f.toString().endsWith(".lines")), is(false));
    }
  }

  @Test
  public void jsonSinkPartitionsToo() throws Exception {
    FileSink sink = FileSink.json(tmp.getRoot() + "/json").withPartitionBy("day");
    sink.addBatch(0, SCHEMA, List.of(row("x", LocalDate.of(2024, 1, 1)), row("y", null)));
    Path dir = Path.of(sink.path());
    try (Stream<Path> files = Files.list(dir.resolve("day=2024-01-01"))) {
      Path file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      assertThat(Files.readString(file), is("{\"value\":\"x\"}\n"));
    }
    assertThat(Files.isDirectory(dir.resolve("day=__HIVE_DEFAULT_PARTITION__")), is(true));
  }
}
