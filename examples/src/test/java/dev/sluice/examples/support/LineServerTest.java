package dev.sluice.examples.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.Assert.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link LineServer}: plays its lines in timed groups and keeps the connection open. */
@RunWith(JUnit4.class)
public class LineServerTest {
  @Test
  public void playsEveryLineInGroupsOneTickApart() throws Exception {
    List<String> lines = List.of("one", "two", "three", "four", "five");
    try (LineServer server = LineServer.start(lines, 2, Duration.ofMillis(150));
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      long start = System.nanoTime();
      List<String> read = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        read.add(in.readLine());
      }
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(read, equalTo(lines));
      // Three groups: two ticks between them.
      assertThat(elapsedMillis, greaterThanOrEqualTo(250L));
      long deadline = System.currentTimeMillis() + 5_000; // done() follows the last write
      while (!server.done() && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      assertThat(server.done(), equalTo(true));
      client.setSoTimeout(200);
      // Still connected, with nothing more to read.
      assertThrows(java.net.SocketTimeoutException.class, in::readLine);
    }
  }

  @Test
  public void aClientThatReconnectsGetsNoLineTwice() throws Exception {
    try (LineServer server = LineServer.start(List.of("a", "b"), 2, Duration.ofMillis(10))) {
      try (Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine(), equalTo("a"));
        assertThat(in.readLine(), equalTo("b"));
      }
      try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        second.setSoTimeout(200);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
        assertThrows(java.net.SocketTimeoutException.class, in::readLine);
      }
    }
  }

  @Test
  public void linesPerTickMustBePositive() {
    assertThrows(
        IllegalArgumentException.class, () -> LineServer.start(List.of("a"), 0, Duration.ZERO));
  }
}
