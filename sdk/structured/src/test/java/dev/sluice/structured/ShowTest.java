package dev.sluice.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.io.schema.DdlSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Every {@code show} form of Spark's Dataset, on a static frame, against Spark's output. */
public class ShowTest {
  private static final Schema PEOPLE = DdlSchema.parse("age BIGINT, name STRING");
  private final StreamingSession session = StreamingSession.builder().getOrCreate();

  private DataFrame people() {
    return session.createDataFrame(
        List.of(
            Row.withSchema(PEOPLE).addValues(14L, "Tom").build(),
            Row.withSchema(PEOPLE).addValues(23L, "Alice").build(),
            Row.withSchema(PEOPLE).addValues(16L, "Bob").build(),
            Row.withSchema(PEOPLE).addValues(19L, "This is a super long name").build()),
        PEOPLE);
  }

  private static String printed(Runnable show) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      show.run();
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void showFalsePrintsWholeLeftAlignedValues() {
    assertThat(
        printed(() -> people().show(false)),
        equalTo(
            "+---+-------------------------+\n"
                + "|age|name                     |\n"
                + "+---+-------------------------+\n"
                + "|14 |Tom                      |\n"
                + "|23 |Alice                    |\n"
                + "|16 |Bob                      |\n"
                + "|19 |This is a super long name|\n"
                + "+---+-------------------------+\n"
                + "\n"));
    assertThat(printed(() -> people().show(true)), equalTo(printed(() -> people().show())));
  }

  @Test
  public void showWithATruncationWidth() {
    assertThat(
        people().showString(20, 3, false),
        equalTo(
            "+---+----+\n"
                + "|age|name|\n"
                + "+---+----+\n"
                + "| 14| Tom|\n"
                + "| 23| Ali|\n"
                + "| 16| Bob|\n"
                + "| 19| Thi|\n"
                + "+---+----+\n"));
    assertThat(
        printed(() -> people().show(2, 3)), equalTo(people().showString(2, 3, false) + "\n"));
    // a negative width shows whole values, as Spark
    assertThat(people().showString(20, -1, false), equalTo(people().showString(20, false)));
  }

  @Test
  public void showVertically() {
    assertThat(
        printed(() -> people().show(2, 20, true)),
        equalTo(
            "-RECORD 0-----\n"
                + " age  | 14    \n"
                + " name | Tom   \n"
                + "-RECORD 1-----\n"
                + " age  | 23    \n"
                + " name | Alice \n"
                + "only showing top 2 rows\n"
                + "\n"));
    assertThat(people().limit(0).showString(20, 20, true), equalTo("(0 rows)\n"));
  }

  @Test
  public void negativeRowCountShowsNoRows() {
    assertThat(
        people().showString(-1, true),
        equalTo("+---+----+\n|age|name|\n+---+----+\n+---+----+\nonly showing top 0 rows\n"));
  }
}
