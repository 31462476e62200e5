package dev.sluice.postgres.local;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** A real server: it starts, answers SQL with the password, and is gone after close. */
@RunWith(JUnit4.class)
public class LocalPostgresTest {
  @Test
  public void startsAnswersSqlAndStops() throws Exception {
    int port;
    try (LocalPostgres pg = LocalPostgres.start()) {
      port = pg.port();
      try (Connection c =
              DriverManager.getConnection(
                  pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT 40 + 2")) {
        assertTrue(r.next());
        assertThat(r.getInt(1), equalTo(42));
      }
      SQLException wrong =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, "wrong"));
      assertThat(wrong.getMessage(), containsString("password authentication failed"));
    }
    try (Socket socket = new Socket()) {
      assertThrows(
          java.io.IOException.class,
          () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000));
    }
  }

  @Test
  public void findsDebiansBinaries() {
    Path bin = LocalPostgres.binaries();
    assertTrue(Files.isExecutable(bin.resolve("initdb")));
    assertFalse(bin.toString().isEmpty());
  }
}
