package dev.sluice.io.jdbc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link JdbcTableContract} on an embedded H2 database, plus options and connection errors. */
@RunWith(JUnit4.class)
public class JdbcTableH2Test extends JdbcTableContract {
  @Override
  String url() {
    return "jdbc:h2:mem:jdbctable;DB_CLOSE_DELAY=-1";
  }

  @Override
  Map<String, String> connection() {
    return Map.of("user", "sa", "password", "");
  }

  @Test
  public void sparksTypeMappingPerDatabase() {
    JdbcTable h2 = JdbcTable.of(options("x"));
    Map<String, String> types = h2.definitions(PEOPLE);
    assertThat(types.get("id"), equalTo("BIGINT NOT NULL"));
    assertThat(types.get("name"), equalTo("CLOB"));
    assertThat(types.get("price"), equalTo("NUMERIC(10,2)"));
    assertThat(types.get("ok"), equalTo("BOOLEAN"));
    JdbcTable pg =
        JdbcTable.of(JdbcOptions.of(Map.of("url", "jdbc:postgresql://h/db", "dbtable", "x")));
    Map<String, String> pgTypes = pg.definitions(PEOPLE);
    assertThat(pgTypes.get("name"), equalTo("TEXT"));
    assertThat(pgTypes.get("score"), equalTo("FLOAT8"));
    assertThat(pgTypes.get("raw"), equalTo("BYTEA"));
    assertThat(pgTypes.get("small"), equalTo("SMALLINT"));
    JdbcTable other =
        JdbcTable.of(JdbcOptions.of(Map.of("url", "jdbc:other://h/db", "dbtable", "x")));
    assertThat(other.definitions(PEOPLE).get("ok"), equalTo("BIT(1)"));
    assertThat(other.definitions(PEOPLE).get("score"), equalTo("DOUBLE PRECISION"));
  }

  @Test
  public void optionsAreCheckedWithSparksMessages() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> JdbcOptions.of(Map.of("dbtable", "t")))
            .getMessage(),
        containsString("Option 'url' is required"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JdbcOptions.of(Map.of("url", url(), "dbtable", "t", "query", "SELECT 1")))
            .getMessage(),
        containsString("Both 'dbtable' and 'query' can not be specified"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JdbcOptions.of(Map.of("url", url(), "dbtable", "t", "partitionColumn", "id")))
            .getMessage(),
        containsString("specify all or none"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JdbcOptions.of(Map.of("url", url(), "dbtable", "t", "batchsize", "0")))
            .getMessage(),
        containsString("'batchsize'"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JdbcOptions.of(Map.of("url", url(), "dbtable", "t", "isolationLevel", "x")))
            .getMessage(),
        containsString("READ_UNCOMMITTED"));
    JdbcOptions defaults = JdbcOptions.of(Map.of("URL", url(), "DbTable", "t", "user", "sa"));
    assertThat(defaults.batchSize(), equalTo(1000));
    assertThat(defaults.isolationLevel(), equalTo(Connection.TRANSACTION_READ_UNCOMMITTED));
    assertThat(defaults.connectionProperties().getProperty("user"), equalTo("sa"));
    assertThat(defaults.connectionProperties().getProperty("url"), equalTo(null));
  }

  @Test
  public void aUrlNoDriverTakesIsNamed() {
    JdbcTable table =
        JdbcTable.of(JdbcOptions.of(Map.of("url", "jdbc:nosuchdb://localhost/x", "dbtable", "t")));
    JdbcException e = assertThrows(JdbcException.class, table::connect);
    assertThat(e.getMessage(), containsString("No JDBC driver on the classpath accepts"));
    JdbcTable named =
        JdbcTable.of(
            JdbcOptions.of(Map.of("url", url(), "dbtable", "t", "driver", "com.example.Nope")));
    assertThat(
        assertThrows(JdbcException.class, named::connect).getMessage(),
        containsString("com.example.Nope (option 'driver') is not on the classpath"));
  }

  @Test
  public void sparksStridesFromItsDocumentation() {
    assertThat(
        JdbcPartitions.whereClauses("id", 0, 100, 4, Long::toString),
        equalTo(
            List.of(
                "id < 25 or id is null",
                "id >= 25 AND id < 50",
                "id >= 50 AND id < 75",
                "id >= 75")));
    // fewer values than partitions: one partition per value
    assertThat(JdbcPartitions.whereClauses("id", 0, 2, 10, Long::toString).size(), equalTo(2));
    assertThat(JdbcPartitions.whereClauses("id", 5, 5, 10, Long::toString).size(), equalTo(1));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JdbcPartitions.whereClauses("id", 9, 1, 2, Long::toString))
            .getMessage(),
        containsString("Lower bound: 9; Upper bound: 1"));
  }
}
