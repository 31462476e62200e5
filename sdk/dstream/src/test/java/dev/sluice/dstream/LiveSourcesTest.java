package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Socket and directory sources on MicroBatchRunner: the seed's log monitor, word counts, an
 * unreachable port and a file with bytes that are not UTF-8. Waits poll with a generous deadline;
 * nothing asserts on timing.
 */
public class LiveSourcesTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static Map<String, Integer> totals(String key) {
    Map<String, Integer> totals = new HashMap<>();
    for (List<Object> batch : Jobs.results(key).values()) {
      for (Object element : batch) {
        @SuppressWarnings("unchecked")
        KV<String, Integer> kv = (KV<String, Integer>) element;
        totals.merge(kv.getKey(), kv.getValue(), Integer::sum);
      }
    }
    return totals;
  }

  @Test
  public void logMonitorPrintsErrorLinesFromASocket() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout((int) Jobs.HANG_GUARD_MILLIS);
      StreamingContext ssc = Jobs.context("MicroBatchRunner", Durations.seconds(1));
      ByteArrayOutputStream out = Jobs.capture(ssc);
      DStream<String> lines = ssc.socketTextStream("127.0.0.1", server.getLocalPort());
      lines.filter(line -> line.contains("error")).print();
      String words =
          Jobs.collect(
              lines
                  .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                  .mapToPair(word -> KV.of(word, 1))
                  .reduceByKey(Integer::sum));
      ssc.start();
      try (Socket client = server.accept()) {
        OutputStream socket = client.getOutputStream();
        socket.write(
            "info all good\nerror disk full\nwarn slow\nerror disk gone\n"
                .getBytes(StandardCharsets.UTF_8));
        socket.flush();
        Jobs.await(
            "both error lines",
            () -> {
              String printed = out.toString(StandardCharsets.UTF_8);
              return printed.contains("error disk full\n") && printed.contains("error disk gone\n");
            });
        Jobs.await("word counts", () -> totals(words).getOrDefault("disk", 0) == 2);
      } finally {
        ssc.stop();
      }
      assertTrue(ssc.awaitTerminationOrTimeout(Jobs.HANG_GUARD_MILLIS));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed, not(containsString("info")));
      assertThat(printed, not(containsString("warn")));
      assertThat(printed.matches("(?s)-{43}\nTime: \\d+000 ms\n-{43}\n.*"), is(true));
      assertThat(
          totals(words),
          equalTo(
              Map.of(
                  "info", 1, "all", 1, "good", 1, "error", 2, "disk", 2, "full", 1, "warn", 1,
                  "slow", 1, "gone", 1)));
    }
  }

  @Test
  public void printShowsEveryBatchWhileRunningEvenWithoutData() throws Exception {
    Path dir = temp.newFolder("quiet").toPath();
    StreamingContext ssc = Jobs.context("MicroBatchRunner", Durations.milliseconds(200));
    ByteArrayOutputStream out = Jobs.capture(ssc);
    ssc.textFileStream(dir.toString()).print();
    ssc.start();
    try {
      Jobs.await(
          "three empty batches",
          () -> out.toString(StandardCharsets.UTF_8).split("Time: ", -1).length > 3);
    } finally {
      ssc.stop();
    }
    assertTrue(ssc.awaitTerminationOrTimeout(Jobs.HANG_GUARD_MILLIS));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed.matches("(-{43}\nTime: \\d+ ms\n-{43}\n\n)+"), is(true));
    Matcher times = Pattern.compile("Time: (\\d+) ms").matcher(printed);
    List<Long> seen = new ArrayList<>();
    while (times.find()) {
      seen.add(Long.parseLong(times.group(1)));
    }
    for (int i = 1; i < seen.size(); i++) {
      assertThat("consecutive batches " + seen, seen.get(i) - seen.get(i - 1), is(200L));
    }
  }

  @Test
  public void unreachablePortIsRetriedWithBackoffAndReported() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    StreamingContext ssc = Jobs.context("MicroBatchRunner", Durations.seconds(1));
    ssc.socketTextStream("127.0.0.1", port).print();
    ssc.start();
    try {
      Jobs.await("two reported failures", () -> ssc.receiverErrors().size() >= 2);
      assertThat(ssc.awaitTerminationOrTimeout(100), is(false));
      assertThat(ssc.receiverErrors().get(0), containsString("retrying in 100 ms"));
      assertThat(ssc.receiverErrors().get(1), containsString("retrying in 200 ms"));
    } finally {
      ssc.stop();
    }
    assertTrue(ssc.awaitTerminationOrTimeout(Jobs.HANG_GUARD_MILLIS));
  }

  @Test
  public void wordCountOverNewFilesPassesBadBytesThroughAsText() throws Exception {
    Path dir = temp.newFolder("in").toPath();
    Files.write(dir.resolve("old.txt"), "old words\n".getBytes(StandardCharsets.UTF_8));
    StreamingContext ssc = Jobs.context("MicroBatchRunner", Durations.seconds(1));
    DStream<String> lines = ssc.textFileStream(dir.toString());
    String words =
        Jobs.collect(
            lines
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> KV.of(word, 1))
                .reduceByKey(Integer::sum));
    String raw = Jobs.collect(lines);
    ssc.start();
    try {
      byte[] bad = {'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xfe, '\n'};
      Path hidden = dir.resolve(".new.txt");
      Files.write(hidden, "spark beam\nbeam\n".getBytes(StandardCharsets.UTF_8));
      Files.write(hidden, bad, java.nio.file.StandardOpenOption.APPEND);
      Files.move(hidden, dir.resolve("new.txt"), StandardCopyOption.ATOMIC_MOVE);
      Jobs.await("the new file's words", () -> totals(words).getOrDefault("bad", 0) == 1);
    } finally {
      ssc.stop();
    }
    assertTrue(ssc.awaitTerminationOrTimeout(Jobs.HANG_GUARD_MILLIS));
    Map<String, Integer> totals = totals(words);
    assertThat(totals.get("beam"), is(2));
    assertThat(totals.get("spark"), is(1));
    assertThat(totals.containsKey("old"), is(false));
    boolean passedThrough =
        Jobs.results(raw).values().stream()
            .flatMap(List::stream)
            .anyMatch("bad \uFFFD\uFFFD"::equals);
    assertThat(passedThrough, is(true));
  }
}
