package dev.sluice.io.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * Spark's JDBC data source options, checked: {@code url}, {@code dbtable} or {@code query}, {@code
 * user}, {@code password}, {@code driver}, {@code batchsize} (1000), {@code isolationLevel} ({@code
 * READ_UNCOMMITTED}), {@code truncate} (false), {@code cascadeTruncate}, {@code
 * createTableOptions}, {@code createTableColumnTypes}, {@code fetchsize} (0: the driver's), {@code
 * queryTimeout} (0: none), and for partitioned reads {@code partitionColumn}, {@code lowerBound},
 * {@code upperBound}, {@code numPartitions}. Names are case-insensitive. Every other option is
 * passed to the driver as a connection property, as Spark does (e.g. PostgreSQL's {@code
 * connectTimeout}, seconds, default 10).
 *
 * <pre>{@code
 * JdbcOptions options = JdbcOptions.of(Map.of(
 *     "url", "jdbc:postgresql://localhost/shop", "dbtable", "orders",
 *     "user", "app", "password", "secret", "batchsize", "500"));
 * options.table();       // orders
 * options.batchSize();   // 500
 * }</pre>
 */
public final class JdbcOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Options Sluice reads itself; the rest go to the driver. */
  private static final Set<String> OWN =
      Set.of(
          "url",
          "dbtable",
          "query",
          "driver",
          "batchsize",
          "isolationlevel",
          "truncate",
          "cascadetruncate",
          "createtableoptions",
          "createtablecolumntypes",
          "fetchsize",
          "querytimeout",
          "partitioncolumn",
          "lowerbound",
          "upperbound",
          "numpartitions",
          "customschema",
          "sessioninitstatement",
          "path");

  private final Map<String, String> options;

  private JdbcOptions(Map<String, String> options) {
    this.options = options;
  }

  /**
   * Checks Spark's JDBC options.
   *
   * @throws IllegalArgumentException naming the option and the fix if one is missing or invalid
   */
  public static JdbcOptions of(Map<String, String> given) {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.putAll(given);
    JdbcOptions checked = new JdbcOptions(Collections.unmodifiableMap(options));
    checked.validate();
    return checked;
  }

  private void validate() {
    if (get("url") == null || get("url").isBlank()) {
      throw new IllegalArgumentException(
          "Option 'url' is required for the jdbc data source: e.g."
              + " .option(\"url\", \"jdbc:postgresql://localhost:5432/db\") or"
              + " write().jdbc(url, table, properties)");
    }
    boolean table = get("dbtable") != null;
    boolean query = get("query") != null;
    if (table == query) {
      throw new IllegalArgumentException(
          table
              ? "Both 'dbtable' and 'query' can not be specified at the same time"
              : "Option 'dbtable' or 'query' is required for the jdbc data source: e.g."
                  + " .option(\"dbtable\", \"orders\")");
    }
    if (query && get("query").isBlank()) {
      throw new IllegalArgumentException("Option 'query' can not be empty");
    }
    if (query && get("partitionColumn") != null) {
      throw new IllegalArgumentException(
          "Options 'query' and 'partitionColumn' can not be specified together. Please define the"
              + " query using the 'dbtable' option instead and make sure to qualify the query"
              + " with an alias: .option(\"dbtable\", \"(SELECT ...) AS t\")");
    }
    int partitionOptions = 0;
    for (String name : new String[] {"partitionColumn", "lowerBound", "upperBound"}) {
      partitionOptions += get(name) != null ? 1 : 0;
    }
    if (partitionOptions != 0 && (partitionOptions != 3 || get("numPartitions") == null)) {
      throw new IllegalArgumentException(
          "When reading JDBC data sources, users need to specify all or none for the following"
              + " options: 'partitionColumn', 'lowerBound', 'upperBound', and 'numPartitions'");
    }
    if (get("customSchema") != null) {
      throw new IllegalArgumentException(
          "Option 'customSchema' is not supported by Sluice's jdbc source: cast the columns after"
              + " reading, e.g. .withColumn(\"c\", col(\"c\").cast(\"string\"))");
    }
    batchSize();
    fetchSize();
    queryTimeoutSeconds();
    isolationLevel();
    truncate();
    if (get("numPartitions") != null) {
      numPartitions();
    }
  }

  /** The value of option {@code name} (case-insensitive), or null. */
  @Nullable
  public String get(String name) {
    return options.get(name);
  }

  /** The JDBC URL. */
  public String url() {
    return get("url");
  }

  /** The {@code dbtable} option, or null when a {@code query} is given. */
  @Nullable
  public String table() {
    return get("dbtable");
  }

  /** The {@code query} option, or null. */
  @Nullable
  public String query() {
    return get("query");
  }

  /**
   * What a {@code SELECT ... FROM} reads: the table, or the query as an aliased subquery, as Spark
   * wraps it.
   */
  public String fromClause() {
    return table() != null ? table() : "(" + query() + ") SLUICE_GEN_SUBQ";
  }

  /** The {@code driver} class name, or null to let {@link java.sql.DriverManager} find one. */
  @Nullable
  public String driver() {
    return get("driver");
  }

  /** Rows per JDBC batch when writing; Spark's default 1000. */
  public int batchSize() {
    return positiveInt("batchsize", 1000, false);
  }

  /** Rows the driver fetches per round trip when reading; 0 (default) leaves it to the driver. */
  public int fetchSize() {
    return positiveInt("fetchsize", 0, true);
  }

  /** Seconds a statement may run; 0 (default) is no limit. */
  public int queryTimeoutSeconds() {
    return positiveInt("querytimeout", 0, true);
  }

  /** {@code numPartitions} of a partitioned read. */
  public int numPartitions() {
    return positiveInt("numpartitions", 1, false);
  }

  /** Spark's {@code truncate}: overwrite truncates the table instead of dropping it. */
  public boolean truncate() {
    return bool("truncate");
  }

  /** Spark's {@code cascadeTruncate} (PostgreSQL: {@code TRUNCATE ... CASCADE}). */
  public boolean cascadeTruncate() {
    return bool("cascadeTruncate");
  }

  /** Text appended to {@code CREATE TABLE t (...)}, e.g. a table space; empty by default. */
  public String createTableOptions() {
    String value = get("createTableOptions");
    return value == null ? "" : value;
  }

  /** The {@code createTableColumnTypes} option ({@code "name VARCHAR(64), n INT"}), or null. */
  @Nullable
  public String createTableColumnTypes() {
    return get("createTableColumnTypes");
  }

  /**
   * The transaction isolation level of writes: a {@link Connection} constant, or {@link
   * Connection#TRANSACTION_NONE} for Spark's {@code NONE} (no transaction: each batch commits on
   * its own).
   */
  public int isolationLevel() {
    String value = get("isolationLevel");
    String level = value == null ? "READ_UNCOMMITTED" : value.trim().toUpperCase(Locale.ROOT);
    switch (level) {
      case "NONE":
        return Connection.TRANSACTION_NONE;
      case "READ_UNCOMMITTED":
        return Connection.TRANSACTION_READ_UNCOMMITTED;
      case "READ_COMMITTED":
        return Connection.TRANSACTION_READ_COMMITTED;
      case "REPEATABLE_READ":
        return Connection.TRANSACTION_REPEATABLE_READ;
      case "SERIALIZABLE":
        return Connection.TRANSACTION_SERIALIZABLE;
      default:
        throw new IllegalArgumentException(
            "Invalid value '"
                + value
                + "' for option 'isolationLevel': use NONE, READ_UNCOMMITTED, READ_COMMITTED,"
                + " REPEATABLE_READ or SERIALIZABLE");
    }
  }

  /** The options passed to the driver: {@code user}, {@code password} and every option not ours. */
  public Properties connectionProperties() {
    Properties properties = new Properties();
    options.forEach(
        (k, v) -> {
          if (!OWN.contains(k.toLowerCase(Locale.ROOT))) {
            properties.setProperty(k, v);
          }
        });
    return properties;
  }

  /** A copy with option {@code name} set. */
  public JdbcOptions with(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    copy.put(name, value);
    return of(copy);
  }

  /** Where the data lives, for messages: the table or the query, and the URL without secrets. */
  public String describe() {
    String url = url();
    int params = url.indexOf('?');
    String where = params < 0 ? url : url.substring(0, params);
    return (table() != null ? "table " + table() : "query [" + query() + "]") + " at " + where;
  }

  private int positiveInt(String name, int absent, boolean zeroAllowed) {
    String value = get(name);
    if (value == null) {
      return absent;
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || (n == 0 && !zeroAllowed)) {
      throw new IllegalArgumentException(
          "Invalid value '"
              + value
              + "' for option '"
              + name
              + "': must be "
              + (zeroAllowed ? "a whole number >= 0" : "a positive whole number"));
    }
    return n;
  }

  private boolean bool(String name) {
    String value = get(name);
    if (value == null) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.trim());
    }
    throw new IllegalArgumentException(
        "Option '" + name + "' must be true or false, but is '" + value + "'");
  }

  @Override
  public String toString() {
    return "JdbcOptions[" + describe() + "]";
  }
}
