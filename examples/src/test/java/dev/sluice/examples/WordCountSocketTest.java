package dev.sluice.examples;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code wordcount-socket} end to end, both versions ({@code --api structured}, the default, and
 * {@code --api dstream}): from a server of the test, and played.
 */
@RunWith(JUnit4.class)
public class WordCountSocketTest {
  private static final Pattern COUNT = Pattern.compile("^\\((.*),(\\d+)\\)$");
  private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*(\\S+)\\s*\\|\\s*(\\d+)\\|$");

  /** The rows of the last {@code Batch: N} table printed (complete mode: the running totals). */
  private static Map<String, Integer> lastTable(String out) {
    Map<String, Integer> table = new HashMap<>();
    int at = out.lastIndexOf("Batch: ");
    if (at < 0) {
      return table; // no batch printed yet
    }
    String last = out.substring(at);
    last.lines()
        .forEach(
            line -> {
              Matcher m = TABLE_ROW.matcher(line);
              if (m.matches()) {
                table.put(m.group(1), Integer.parseInt(m.group(2)));
              }
            });
    return table;
  }

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** The word counts printed, summed over batches. */
  private static Map<String, Integer> totals(String out) {
    Map<String, Integer> totals = new HashMap<>();
    out.lines()
        .forEach(
            line -> {
              Matcher m = COUNT.matcher(line);
              if (m.matches()) {
                totals.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
              }
            });
    return totals;
  }

  /**
   * A server that accepts one client, sends it {@code text} and keeps the connection open until
   * {@code close()}: reading it, an example runs until stopped.
   */
  private static final class OneLineServer implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch done = new CountDownLatch(1);
    private final CompletableFuture<Void> sent;

    OneLineServer(String text) throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      sent =
          CompletableFuture.runAsync(
              () -> {
                try (Socket client = server.accept()) {
                  OutputStream out = client.getOutputStream();
                  out.write(text.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  done.await(Run.HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      done.countDown();
      server.close();
      sent.get(Run.HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static final Map<String, Integer> TO_BE = Map.of("to", 2, "be", 2, "or", 1, "not", 1);

  @Test
  public void countsTheWordsSentByAServerOnThePortGiven() throws Exception {
    try (OneLineServer server = new OneLineServer("to be or not to be\n")) {
      Run.Background job =
          Run.start(
              "wordcount-socket",
              "--api=dstream",
              "--port=" + server.port(),
              "--batch-interval=200ms");
      job.awaitOutput("the counts of the line sent", out -> totals(out).equals(TO_BE));
      Run run = job.stop();
      assertThat(run.toString(), run.code, equalTo(0));
      assertThat(run.toString(), totals(run.out), equalTo(TO_BE));
      assertThat(run.err, containsString("Ctrl-C stops"));
    }
  }

  @Test
  public void playsAnInputFileAndStopsWhenItIsProcessed() throws Exception {
    File text = tmp.newFile("text.txt");
    Files.writeString(text.toPath(), "a b\nb c\nc a a\nd\nb\n", StandardCharsets.UTF_8);
    Run run =
        Run.of(
            "wordcount-socket",
            "--api=dstream",
            "--input=" + text,
            "--batch-interval=200ms",
            "--lines-per-batch=2");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.toString(), totals(run.out), equalTo(Map.of("a", 3, "b", 3, "c", 2, "d", 1)));
  }

  @Test
  public void structuredPrintsRunningTotalsOfAPlayedFile() throws Exception {
    File text = tmp.newFile("text.txt");
    Files.writeString(text.toPath(), "a b\nb c\nc a a\nd\nb\n", StandardCharsets.UTF_8);
    Run run =
        Run.of(
            "wordcount-socket", "--input=" + text, "--batch-interval=200ms", "--lines-per-batch=2");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, containsString("|word|count|"));
    assertThat(run.toString(), lastTable(run.out), equalTo(Map.of("a", 3, "b", 3, "c", 2, "d", 1)));
  }

  @Test
  public void structuredReadsTheServerOnThePortGiven() throws Exception {
    try (OneLineServer server = new OneLineServer("to be or not to be\n")) {
      Run.Background job =
          Run.start("wordcount-socket", "--port=" + server.port(), "--batch-interval=200ms");
      job.awaitOutput("a table of the line's counts", out -> lastTable(out).equals(TO_BE));
      Run run = job.stop();
      assertThat(run.toString(), run.code, equalTo(0));
      assertThat(run.toString(), lastTable(run.out), equalTo(TO_BE));
    }
  }

  @Test
  public void runForStopsReadingTheServer() throws Exception {
    try (OneLineServer server = new OneLineServer("to be or not to be\n")) {
      Run run =
          Run.of(
              "wordcount-socket",
              "--port=" + server.port(),
              "--batch-interval=200ms",
              "--run-for=1s");
      assertThat(run.toString(), run.code, equalTo(0));
      assertThat(run.err, containsString("stopping after PT1S"));
    }
  }

  @Test
  public void portAndInputTogetherAreAUsageError() throws Exception {
    Run run = Run.of("wordcount-socket", "--port=9999", "--input=" + tmp.newFile());
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(
        run.err,
        equalTo(
            "sluice-examples wordcount-socket: give --port (read from your server) or --input"
                + " (played on a local socket), not both (see sluice-examples wordcount-socket"
                + " --help)\n"));
  }

  @Test
  public void anApiWithoutAVersionIsAUsageError() {
    Run run = Run.of("wordcount-socket", "--api=rdd");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("--api rdd is not a version of this example"));
  }
}
