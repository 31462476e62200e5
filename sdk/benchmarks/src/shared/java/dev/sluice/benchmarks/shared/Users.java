package dev.sluice.benchmarks.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The static users table of F4 ({@code id STRING, country STRING, tier INT}), read from the CSV
 * file {@code BenchEvents.writeUsers} writes ({@code phone8,fr,1} per line, no header).
 *
 * <pre>{@code
 * for (Users.User u : Users.read(Path.of("/tmp/bench/users.csv"))) {
 *   System.out.println(u.id() + " " + u.country() + " " + u.tier());
 * }
 * }</pre>
 */
public final class Users {
  private Users() {}

  /** One row of the table. */
  public record User(String id, String country, int tier) {}

  /** The table's rows in file order. */
  public static List<User> read(Path file) throws IOException {
    List<User> users = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 3) {
        throw new IllegalArgumentException(
            file + ": expected id,country,tier per line, got '" + line + "'");
      }
      users.add(new User(f[0], f[1], Integer.parseInt(f[2])));
    }
    return users;
  }
}
