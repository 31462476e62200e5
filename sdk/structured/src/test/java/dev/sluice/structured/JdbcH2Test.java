package dev.sluice.structured;

import java.util.Properties;

/** {@link JdbcContract} on an embedded H2 database. */
public class JdbcH2Test extends JdbcContract {
  @Override
  String url() {
    return "jdbc:h2:mem:structured;DB_CLOSE_DELAY=-1";
  }

  @Override
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", "sa");
    p.setProperty("password", "");
    return p;
  }
}
