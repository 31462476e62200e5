package dev.sluice.postgres.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests and local runs: Debian's {@code postgresql} package ({@code
 * initdb} and {@code postgres} under {@code /usr/lib/postgresql/<version>/bin}) started as a child
 * process on loopback ({@code 127.0.0.1}), on a free port, with a fresh temporary data directory.
 * {@link #close()} stops it (fast shutdown) and deletes the directory.
 *
 * <p>The cluster has one superuser, {@link #USER} with password {@link #PASSWORD} (password
 * authentication over TCP, so tests exercise {@code user}/{@code password}), and the database
 * {@code postgres}. PostgreSQL refuses to run as root: when this JVM runs as root, {@code initdb}
 * and {@code postgres} run as the unprivileged user {@code postgres} (created by the Debian
 * package) through {@code runuser}, or as {@code nobody} through {@code setpriv} if there is no
 * such user, and the data directory is handed to that user.
 *
 * <p>Without the binaries {@link #start()} fails (it never skips) with the fix: {@code apt-get
 * install postgresql}. It returns once the server accepts TCP connections, or fails after {@link
 * #STARTUP_TIMEOUT} with the server's log.
 *
 * <pre>{@code
 * try (LocalPostgres pg = LocalPostgres.start()) {
 *   String url = pg.jdbcUrl();   // jdbc:postgresql://127.0.0.1:<port>/postgres
 *   System.out.println(url + " as " + LocalPostgres.USER);
 * }
 * }</pre>
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

  /** The superuser the cluster is made with. */
  public static final String USER = "sluice";

  /** {@link #USER}'s password. */
  public static final String PASSWORD = "sluice-test";

  /** The longest {@link #start()} waits for the server to accept connections (a hang guard). */
  public static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

  /** Where Debian installs the server binaries, one directory per major version. */
  static final Path DEBIAN_BINARIES = Paths.get("/usr/lib/postgresql");

  private static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final Path bin;
  private final List<String> asUser;
  private final Process server;
  private final int port;
  private final Thread shutdownHook;
  private boolean closed;

  private LocalPostgres(Path dir, Path bin, List<String> asUser, Process server, int port) {
    this.dir = dir;
    this.bin = bin;
    this.asUser = asUser;
    this.server = server;
    this.port = port;
    this.shutdownHook = new Thread(this::stopQuietly, "local-postgres-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server in a new temporary data directory.
   *
   * @throws IllegalStateException if the binaries are missing (the message says to {@code apt-get
   *     install postgresql}) or the server did not start
   */
  public static LocalPostgres start() {
    Path bin = binaries();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(bin);
      } catch (PortTakenException e) {
        LOG.warn("Local PostgreSQL: {}; retrying on another port", e.getMessage());
        last = e;
      }
    }
    throw new IllegalStateException(
        "Local PostgreSQL did not start after " + START_ATTEMPTS + " attempts", last);
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** The JDBC URL of database {@code database}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return port;
  }

  /**
   * The directory holding the server's binaries ({@code initdb}, {@code postgres}, {@code psql}).
   */
  public Path binDirectory() {
    return bin.toAbsolutePath();
  }

  /** Stops the server (fast shutdown: open sessions are ended) and deletes its data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs stopQuietly itself
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("Local PostgreSQL at {} did not stop cleanly", dir, e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private void stop() {
    if (!server.isAlive()) {
      return;
    }
    // pg_ctl asks the postmaster for a fast shutdown (SIGINT); the process is ours, so wait on it
    try {
      run(
          dir,
          command(
              asUser,
              bin.resolve("pg_ctl").toString(),
              "-D",
              data(dir),
              "-m",
              "fast",
              "-w",
              "stop"),
          Duration.ofMinutes(1));
    } catch (IllegalStateException e) {
      LOG.warn("pg_ctl stop failed; signalling the server: {}", e.getMessage());
      server.destroy();
    }
    try {
      if (!server.waitFor(1, TimeUnit.MINUTES)) {
        server.destroyForcibly();
        server.waitFor(1, TimeUnit.MINUTES);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
  }

  /** The bin directory of the newest PostgreSQL installed by Debian's package. */
  static Path binaries() {
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(DEBIAN_BINARIES)) {
      try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
        versions
            .map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .filter(b -> Files.isExecutable(b.resolve("postgres")))
            .forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "The PostgreSQL tests need a real PostgreSQL server, but no initdb/postgres was found"
              + " under "
              + DEBIAN_BINARIES
              + "/*/bin. Install Debian's package: apt-get install postgresql (the tests start"
              + " their own server in a temporary directory; nothing needs to be running).");
    }
    found.sort(Comparator.comparingInt(LocalPostgres::majorVersion));
    return found.get(found.size() - 1);
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static LocalPostgres startOnce(Path bin) {
    Path dir;
    try {
      dir = Files.createTempDirectory("sluice-postgres-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a data directory for local PostgreSQL", e);
    }
    Process server = null;
    try {
      List<String> asUser = unprivileged(dir);
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
      handOver(dir, asUser);
      run(
          dir,
          command(
              asUser,
              bin.resolve("initdb").toString(),
              "-D",
              data(dir),
              "-U",
              USER,
              "--pwfile=" + pwfile,
              "--auth-local=trust",
              "--auth-host=scram-sha-256",
              "-E",
              "UTF8",
              "--locale=C",
              "--no-sync"),
          STARTUP_TIMEOUT);
      Files.deleteIfExists(pwfile);
      int port = freePort();
      Path log = dir.resolve("server.log");
      server =
          new ProcessBuilder(
                  command(
                      asUser,
                      bin.resolve("postgres").toString(),
                      "-D",
                      data(dir),
                      "-p",
                      Integer.toString(port),
                      "-h",
                      HOST,
                      "-k",
                      dir.toString(),
                      "-c",
                      "fsync=off",
                      "-c",
                      "max_connections=50"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      awaitAcceptingConnections(server, port, log);
      LOG.info("Local PostgreSQL ({}) at {}:{} in {}", bin, HOST, port, dir);
      return new LocalPostgres(dir, bin, asUser, server, port);
    } catch (IOException e) {
      cleanUp(server, dir);
      throw new IllegalStateException("Local PostgreSQL did not start: " + e, e);
    } catch (RuntimeException e) {
      cleanUp(server, dir);
      throw e;
    }
  }

  private static void cleanUp(Process server, Path dir) {
    if (server != null && server.isAlive()) {
      server.destroy();
      try {
        if (!server.waitFor(1, TimeUnit.MINUTES)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.destroyForcibly();
      }
    }
    deleteQuietly(dir);
  }

  private static String data(Path dir) {
    return dir.resolve("data").toString();
  }

  /**
   * The command prefix that runs a program as an unprivileged user when this JVM is root: {@code
   * runuser -u postgres --}, or {@code setpriv} as {@code nobody}; empty otherwise.
   */
  static List<String> unprivileged(Path dir) throws IOException {
    if (!isRoot()) {
      return List.of();
    }
    if (userExists("postgres") && Files.isExecutable(Paths.get("/usr/sbin/runuser"))) {
      return List.of("/usr/sbin/runuser", "-u", "postgres", "--");
    }
    for (String setpriv : new String[] {"/usr/bin/setpriv", "/bin/setpriv"}) {
      if (Files.isExecutable(Paths.get(setpriv))) {
        return List.of(setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups");
      }
    }
    throw new IllegalStateException(
        "PostgreSQL refuses to run as root, and neither runuser (with a 'postgres' user) nor"
            + " setpriv is available to run it as another user: install Debian's postgresql"
            + " package (apt-get install postgresql), which creates the 'postgres' user");
  }

  /** Gives {@code dir} to the user the server runs as. */
  private static void handOver(Path dir, List<String> asUser) throws IOException {
    if (asUser.isEmpty()) {
      return;
    }
    String owner = asUser.get(0).endsWith("runuser") ? "postgres" : "nobody";
    String group = owner.equals("postgres") ? "postgres" : "nogroup";
    run(dir, List.of("chown", "-R", owner + ":" + group, dir.toString()), Duration.ofMinutes(1));
  }

  private static boolean isRoot() throws IOException {
    return "0".equals(output(List.of("id", "-u")).trim());
  }

  private static boolean userExists(String name) throws IOException {
    Process p = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
    try {
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
  }

  private static String output(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
  }

  private static List<String> command(List<String> asUser, String... args) {
    List<String> command = new ArrayList<>(asUser);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code command} in {@code dir}, failing with its output if it fails or hangs. */
  private static void run(Path dir, List<String> command, Duration timeout) {
    try {
      Path out = Files.createTempFile("sluice-postgres-cmd-", ".log");
      try {
        Process p =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + " failed with exit code "
                  + p.exitValue()
                  + ":\n"
                  + Files.readString(out, StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command.get(0), e);
    }
  }

  private static void awaitAcceptingConnections(Process server, int port, Path log)
      throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      if (!server.isAlive()) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (text.contains("could not bind") || text.contains("Address already in use")) {
          throw new PortTakenException("port " + port + " was taken");
        }
        throw new IllegalStateException(
            "Local PostgreSQL exited with code " + server.exitValue() + " at start:\n" + text);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 1000);
        if (Files.readString(log, StandardCharsets.UTF_8)
            .contains("database system is ready to accept connections")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Local PostgreSQL did not accept connections within "
                + STARTUP_TIMEOUT
                + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for PostgreSQL to start", e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("Could not delete {}", dir, e);
    }
  }

  /** The probed port was taken before the server bound it. */
  private static final class PortTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
