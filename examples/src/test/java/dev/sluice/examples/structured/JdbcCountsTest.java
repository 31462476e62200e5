package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Run;
import dev.sluice.examples.support.BundledFiles;
import dev.sluice.postgres.local.LocalPostgres;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code jdbc}: the bundled events' counts end up in a table, in H2 and in a real PostgreSQL. */
@RunWith(JUnit4.class)
public class JdbcCountsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** What the table holds after the four bundled files: the updated counts of each batch. */
  static final String[] ROWS = {
    "|2018-03-02 10:00:00|open  |3    |0       |",
    "|2018-03-02 10:00:00|close |1    |0       |",
    "|2018-03-02 11:00:00|crash |1    |3       |",
    "|2018-03-02 11:00:00|swipe |1    |3       |",
  };

  private static void assertTable(Run run, String table) {
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, containsString("Table " + table + ":\n"));
    assertThat(run.out, containsString("|window_start       |action|count|batch_id|"));
    for (String row : ROWS) {
      assertThat(run.out, containsString(row));
    }
  }

  @Test
  public void writesTheCountsToAnEmbeddedDatabase() throws Exception {
    File checkpoint = tmp.newFolder("checkpoint");
    String input = BundledFiles.copy(Mobile.BUNDLED, Mobile.FILES).toString();
    Run run =
        Run.of(
            "jdbc",
            "--input",
            input,
            "--table",
            "h2_counts",
            "--checkpoint-location",
            checkpoint.toString());
    assertTable(run, "h2_counts");
    assertThat(run.err, containsString("jdbc:h2:mem:sluice-examples"));
    // run again on the same checkpoint: nothing new, the table is unchanged
    Run again =
        Run.of(
            "jdbc",
            "--input",
            input,
            "--table",
            "h2_counts",
            "--checkpoint-location",
            checkpoint.toString());
    assertThat(again.toString(), again.out, equalTo(run.out));
  }

  @Test
  public void writesTheCountsToPostgres() throws Exception {
    try (LocalPostgres pg = LocalPostgres.start()) {
      Run run =
          Run.of(
              "jdbc",
              "--jdbc-url",
              pg.jdbcUrl(),
              "--user",
              LocalPostgres.USER,
              "--password",
              LocalPostgres.PASSWORD,
              "--checkpoint-location",
              tmp.newFolder("checkpoint").toString());
      assertTable(run, "action_counts");
      try (Connection c =
              DriverManager.getConnection(
                  pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT sum(\"count\"), count(DISTINCT \"batch_id\") FROM action_counts")) {
        r.next();
        assertThat(r.getLong(2) >= 2, equalTo(true));
      }
    }
  }
}
