package dev.sluice.io.jdbc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.postgres.local.LocalPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link JdbcTableContract} on a real PostgreSQL server started for this class, plus arrays and an
 * unreachable server.
 */
@RunWith(JUnit4.class)
public class JdbcTablePostgresTest extends JdbcTableContract {
  private static LocalPostgres postgres;

  @BeforeClass
  public static void startPostgres() {
    postgres = LocalPostgres.start();
  }

  @AfterClass
  public static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  String url() {
    return postgres.jdbcUrl();
  }

  @Override
  Map<String, String> connection() {
    return Map.of("user", LocalPostgres.USER, "password", LocalPostgres.PASSWORD);
  }

  @Test
  public void arraysRoundTrip() {
    Schema schema = DdlSchema.parse("id INT, tags ARRAY<STRING>, ns ARRAY<BIGINT>");
    JdbcTable table = JdbcTable.of(options(newTable()));
    table.create(schema);
    table.insert(
        schema,
        List.of(
            Row.withSchema(schema).addValues(1, List.of("a", "b"), List.of(1L, 2L)).build(),
            Row.withSchema(schema).addValues(2, null, List.of()).build()));
    List<Row> back = table.read(table.schema());
    assertThat(back.get(0).getArray("tags"), equalTo(List.of("a", "b")));
    assertThat(back.get(0).getArray("ns"), equalTo(List.of(1L, 2L)));
    assertThat(back.get(1).getValue("tags"), equalTo(null));
  }

  @Test
  public void anUnreachableServerIsNamedAfterTheConnectTimeout() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    JdbcTable table =
        JdbcTable.of(
            JdbcOptions.of(
                Map.of(
                    "url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres",
                    "dbtable", "t",
                    "user", "nobody",
                    "connectTimeout", "2")));
    JdbcException e = assertThrows(JdbcException.class, table::exists);
    assertThat(
        e.getMessage(),
        containsString("Cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort));
    assertThat(e.getMessage(), containsString("as user 'nobody'"));
    assertThat(e.getMessage(), containsString("connectTimeout"));
  }

  @Test
  public void aWrongPasswordIsNamed() {
    JdbcTable table =
        JdbcTable.of(
            JdbcOptions.of(
                Map.of(
                    "url", url(), "dbtable", "t", "user", LocalPostgres.USER, "password", "no")));
    JdbcException e = assertThrows(JdbcException.class, table::schema);
    assertThat(e.getMessage(), containsString("password authentication failed"));
  }
}
