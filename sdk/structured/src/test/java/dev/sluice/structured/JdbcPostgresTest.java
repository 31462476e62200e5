package dev.sluice.structured;

import dev.sluice.postgres.local.LocalPostgres;
import java.util.Properties;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/** {@link JdbcContract} on a real PostgreSQL server started for this class. */
public class JdbcPostgresTest extends JdbcContract {
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
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", LocalPostgres.USER);
    p.setProperty("password", LocalPostgres.PASSWORD);
    return p;
  }
}
