package dev.sluice.io.jdbc;

import dev.sluice.io.schema.SparkTypes;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * A table (or query) of a database reached through JDBC, read and written as Spark's JDBC data
 * source does. Writes: {@link #create} with Spark's type mapping ({@link JdbcTypes}) and {@code
 * createTableColumnTypes}/{@code createTableOptions}; {@link #insert} in batches of {@code
 * batchsize}, all in one transaction at {@code isolationLevel} (a failure rolls it back: nothing is
 * half-written); {@link #drop}, {@link #truncate}. Reads: {@link #schema} and {@link #read}, whole
 * or partitioned by a column ({@link JdbcPartitions}).
 *
 * <p>Connecting: the {@code driver} class if given, else whichever driver on the classpath takes
 * the URL; an unreachable database fails after the driver's connect timeout (PostgreSQL's {@code
 * connectTimeout}, default 10 s; pass it as an option) with a {@link JdbcException} naming the URL.
 *
 * <pre>{@code
 * JdbcTable table = JdbcTable.of(JdbcOptions.of(Map.of(
 *     "url", "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "dbtable", "orders")));
 * if (!table.exists()) {
 *   table.create(schema);
 * }
 * table.insert(schema, rows);              // one transaction
 * List<Row> back = table.read(table.schema());
 * }</pre>
 */
public final class JdbcTable {
  private static final Pattern BATCH_ENTRY = Pattern.compile("Batch entry (\\d+)");

  private final JdbcOptions options;
  private final JdbcTypes.Dialect dialect;

  private JdbcTable(JdbcOptions options) {
    this.options = options;
    this.dialect = JdbcTypes.Dialect.of(options.url());
  }

  /** The table or query the options name. */
  public static JdbcTable of(JdbcOptions options) {
    return new JdbcTable(options);
  }

  /** The options. */
  public JdbcOptions options() {
    return options;
  }

  /**
   * A new connection with the options' properties.
   *
   * @throws JdbcException naming the URL if there is no driver for it or the database cannot be
   *     reached
   */
  public Connection connect() {
    String driver = options.driver();
    if (driver != null) {
      try {
        Class.forName(driver);
      } catch (ClassNotFoundException e) {
        throw new JdbcException(
            "JDBC driver class "
                + driver
                + " (option 'driver') is not on the classpath: add the driver's jar, e.g."
                + " org.postgresql:postgresql or com.h2database:h2",
            e);
      }
    }
    try {
      return DriverManager.getConnection(options.url(), options.connectionProperties());
    } catch (SQLException e) {
      String url = options.describe().replaceFirst("^.* at ", "");
      if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
        throw new JdbcException(
            "No JDBC driver on the classpath accepts "
                + url
                + ": add the driver's jar (org.postgresql:postgresql for jdbc:postgresql:,"
                + " com.h2database:h2 for jdbc:h2:) or name its class with option 'driver'",
            e);
      }
      String user = options.connectionProperties().getProperty("user");
      throw new JdbcException(
          "Cannot connect to "
              + url
              + (user != null ? " as user '" + user + "'" : "")
              + ": "
              + e.getMessage()
              + ". Check that the database is running and reachable from here, and the user and"
              + " password; the driver gives up after its connect timeout (PostgreSQL: option"
              + " connectTimeout, in seconds, default 10)",
          e);
    }
  }

  /** True if the table exists (Spark's check: {@code SELECT 1 FROM t WHERE 1=0} succeeds). */
  public boolean exists() {
    try (Connection c = connect()) {
      return exists(c);
    } catch (SQLException e) {
      throw failure("checking whether " + options.describe() + " exists", e);
    }
  }

  private boolean exists(Connection c) {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(options.queryTimeoutSeconds());
      s.executeQuery("SELECT 1 FROM " + tableName() + " WHERE 1=0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Creates the table with a column per field of {@code schema}: Spark's SQL type for it ({@code
   * createTableColumnTypes} overrides named ones), {@code NOT NULL} for non-nullable fields, then
   * {@code createTableOptions}.
   */
  public void create(Schema schema) {
    String sql =
        "CREATE TABLE "
            + tableName()
            + " ("
            + columnDefinitions(schema)
            + ") "
            + options.createTableOptions();
    execute(sql.trim(), "creating " + options.describe());
  }

  /** The column list of {@code CREATE TABLE}. */
  String columnDefinitions(Schema schema) {
    Map<String, String> overrides = columnTypeOverrides(schema);
    StringBuilder columns = new StringBuilder();
    for (Schema.Field field : schema.getFields()) {
      if (columns.length() > 0) {
        columns.append(", ");
      }
      String type = overrides.get(field.getName());
      if (type == null) {
        type = JdbcTypes.sqlType(dialect, field.getName(), field.getType());
      }
      columns.append(dialect.quote(field.getName())).append(' ').append(type);
      if (!field.getType().getNullable()) {
        columns.append(" NOT NULL");
      }
    }
    return columns.toString();
  }

  private Map<String, String> columnTypeOverrides(Schema schema) {
    Map<String, String> overrides = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String given = options.createTableColumnTypes();
    if (given == null) {
      return overrides;
    }
    for (String part : splitTopLevel(given)) {
      String column = part.trim();
      if (column.isEmpty()) {
        continue;
      }
      String name;
      String type;
      if (column.startsWith("`")) {
        int end = column.indexOf('`', 1);
        name = column.substring(1, end);
        type = column.substring(end + 1).trim();
      } else {
        int space = column.indexOf(' ');
        name = space < 0 ? column : column.substring(0, space);
        type = space < 0 ? "" : column.substring(space + 1).trim();
      }
      if (type.isEmpty()) {
        throw new IllegalArgumentException(
            "Option createTableColumnTypes: column '"
                + name
                + "' has no type; write it as \"name VARCHAR(64), n INT\"");
      }
      Map<String, Schema.Field> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      schema.getFields().forEach(f -> byName.put(f.getName(), f));
      Schema.Field field = byName.get(name);
      if (field == null) {
        throw new IllegalArgumentException(
            "createTableColumnTypes option column "
                + name
                + " not found in schema "
                + SparkTypes.simpleString(schema));
      }
      overrides.put(field.getName(), type);
    }
    return overrides;
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** Drops the table. */
  public void drop() {
    execute("DROP TABLE " + tableName(), "dropping " + options.describe());
  }

  /** Empties the table, keeping its definition ({@code TRUNCATE}; {@code cascadeTruncate}). */
  public void truncate() {
    execute(
        dialect.truncate(tableName(), options.cascadeTruncate()),
        "truncating " + options.describe());
  }

  private void execute(String sql, String what) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(options.queryTimeoutSeconds());
      s.executeUpdate(sql);
    } catch (SQLException e) {
      throw failure(what + " (" + sql + ")", e);
    }
  }

  /**
   * Inserts {@code rows}, matching their columns to the table's by name (ignoring case; the table
   * may have more columns), {@code batchsize} rows per JDBC batch, all in one transaction at {@code
   * isolationLevel}: if any row fails, the transaction is rolled back and the error names the row.
   * With {@code isolationLevel=NONE} (or a database without transactions) each batch commits on its
   * own, as in Spark.
   *
   * @throws JdbcException naming the table and the row, after the rollback
   */
  public void insert(Schema schema, List<Row> rows) {
    try (Connection c = connect()) {
      List<String> columns = tableColumns(c, schema);
      String sql =
          "INSERT INTO "
              + tableName()
              + " ("
              + String.join(", ", columns)
              + ") VALUES ("
              + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
              + ")";
      insert(c, sql, schema, rows);
    } catch (SQLException e) {
      throw failure("writing to " + options.describe(), e);
    }
  }

  /** The quoted table columns the frame's columns go to, in the frame's order. */
  private List<String> tableColumns(Connection c, Schema schema) throws SQLException {
    Map<String, String> table = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM " + tableName() + " WHERE 1=0")) {
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        table.put(r.getMetaData().getColumnName(i), r.getMetaData().getColumnName(i));
      }
    }
    List<String> columns = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      String column = table.get(field.getName());
      if (column == null) {
        throw new JdbcException(
            "Column \""
                + field.getName()
                + "\" not found in table "
                + tableName()
                + " (its columns: "
                + String.join(", ", table.values())
                + "): rename or drop the column before writing, or overwrite the table"
                + " (mode(\"overwrite\") recreates it with the frame's columns)");
      }
      columns.add(dialect.quote(column));
    }
    return columns;
  }

  private void insert(Connection c, String sql, Schema schema, List<Row> rows) throws SQLException {
    int level = options.isolationLevel();
    DatabaseMetaData meta = c.getMetaData();
    boolean transaction = level != Connection.TRANSACTION_NONE && meta.supportsTransactions();
    if (transaction) {
      if (meta.supportsTransactionIsolationLevel(level)) {
        c.setTransactionIsolation(level);
      }
      c.setAutoCommit(false);
    }
    int batchSize = options.batchSize();
    int batchStart = 0;
    int inBatch = 0;
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setQueryTimeout(options.queryTimeoutSeconds());
      for (int r = 0; r < rows.size(); r++) {
        Row row = rows.get(r);
        for (int i = 0; i < schema.getFieldCount(); i++) {
          FieldType type = schema.getField(i).getType();
          try {
            JdbcTypes.set(c, statement, i + 1, row.getValue(i), type);
          } catch (SQLException | RuntimeException e) {
            throw new RowFailure(r, e);
          }
        }
        statement.addBatch();
        if (++inBatch == batchSize) {
          executeBatch(statement, batchStart, inBatch);
          batchStart = r + 1;
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        executeBatch(statement, batchStart, inBatch);
      }
      if (transaction) {
        c.commit();
      }
    } catch (RowFailure e) {
      boolean rolledBack = transaction && rollback(c, e.cause);
      throw new JdbcException(
          "Writing to "
              + options.describe()
              + " failed at row "
              + (e.row + 1)
              + " of "
              + rows.size()
              + " "
              + JdbcTypes.describe(rows.get(e.row))
              + ": "
              + message(e.cause)
              + (transaction
                  ? rolledBack
                      ? ". The transaction was rolled back: none of the "
                          + rows.size()
                          + " rows were written"
                      : ". The rollback failed too; check the table"
                  : ". isolationLevel NONE: the batches before row "
                      + (batchStart + 1)
                      + " stay committed"),
          e.cause);
    } catch (SQLException | RuntimeException e) {
      boolean rolledBack = transaction && rollback(c, e);
      throw new JdbcException(
          "Writing to "
              + options.describe()
              + " failed: "
              + message(e)
              + (rolledBack ? ". The transaction was rolled back: nothing was written" : ""),
          e);
    }
  }

  private static void executeBatch(PreparedStatement statement, int batchStart, int size)
      throws SQLException {
    try {
      statement.executeBatch();
    } catch (BatchUpdateException e) {
      throw new RowFailure(batchStart + failedIndex(e, size), e);
    } catch (SQLException e) {
      throw new RowFailure(batchStart, e);
    }
  }

  /** The index in its batch of the row that failed, as far as the driver tells. */
  private static int failedIndex(BatchUpdateException e, int size) {
    Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      return Math.min(Integer.parseInt(m.group(1)), size - 1);
    }
    int[] counts = e.getUpdateCounts();
    if (counts != null) {
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == Statement.EXECUTE_FAILED) {
          return i;
        }
      }
      if (counts.length < size) {
        return counts.length;
      }
    }
    return 0;
  }

  private static boolean rollback(Connection c, Exception failure) {
    try {
      c.rollback();
      return true;
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  /** The driver's message with its chained causes (PostgreSQL puts the reason in the next one). */
  private static String message(Throwable e) {
    StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
    if (e instanceof SQLException) {
      SQLException next = ((SQLException) e).getNextException();
      if (next != null && next.getMessage() != null && !s.toString().contains(next.getMessage())) {
        s.append(" (").append(next.getMessage()).append(')');
      }
    }
    return s.toString().replaceAll("\\s+", " ").trim();
  }

  private JdbcException failure(String what, SQLException e) {
    return new JdbcException("Failed " + what + ": " + message(e), e);
  }

  /** The schema of the table or query, every column nullable (Spark's JDBC schema). */
  public Schema schema() {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      initSession(c);
      s.setQueryTimeout(options.queryTimeoutSeconds());
      try (ResultSet r = s.executeQuery("SELECT * FROM " + options.fromClause() + " WHERE 1=0")) {
        return JdbcTypes.schema(dialect, r.getMetaData());
      }
    } catch (SQLException e) {
      throw failure("reading the schema of " + options.describe(), e);
    }
  }

  /**
   * The partitions of a read: Spark's {@code WHERE} clauses for {@code partitionColumn} (numeric,
   * date or timestamp) from {@code lowerBound} to {@code upperBound} in {@code numPartitions}
   * strides; one null clause (the whole table) without those options.
   *
   * @throws IllegalArgumentException if the column is missing or of another type, or the bounds do
   *     not parse
   */
  public List<String> partitions(Schema schema) {
    String column = options.get("partitionColumn");
    if (column == null) {
      return java.util.Collections.singletonList(null);
    }
    Schema.Field field = null;
    for (Schema.Field f : schema.getFields()) {
      if (f.getName().equalsIgnoreCase(column)) {
        field = f;
      }
    }
    if (field == null) {
      throw new IllegalArgumentException(
          "User-defined partition column "
              + column
              + " not found in the JDBC relation: "
              + SparkTypes.simpleString(schema));
    }
    FieldType type = field.getType().withNullable(false);
    String quoted = dialect.quote(field.getName());
    String lower = options.get("lowerBound");
    String upper = options.get("upperBound");
    int n = options.numPartitions();
    if (type.equals(SparkTypes.DATE)) {
      return JdbcPartitions.whereClauses(
          quoted,
          date(lower, "lowerBound"),
          date(upper, "upperBound"),
          n,
          d -> "'" + LocalDate.ofEpochDay(d) + "'");
    }
    if (type.getTypeName() == Schema.TypeName.DATETIME) {
      return JdbcPartitions.whereClauses(
          quoted,
          timestamp(lower, "lowerBound"),
          timestamp(upper, "upperBound"),
          n,
          ms ->
              "'"
                  + java.sql.Timestamp.from(Instant.ofEpochMilli(ms))
                      .toLocalDateTime()
                      .toString()
                      .replace('T', ' ')
                  + "'");
    }
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
      case FLOAT:
      case DOUBLE:
      case DECIMAL:
      case LOGICAL_TYPE:
        if (type.getTypeName() != Schema.TypeName.LOGICAL_TYPE || SparkTypes.isDecimal(type)) {
          return JdbcPartitions.whereClauses(
              quoted, number(lower, "lowerBound"), number(upper, "upperBound"), n, Long::toString);
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "Partition column type should be numeric, date, or timestamp, but "
            + SparkTypes.simpleString(field.getType())
            + " found (column "
            + field.getName()
            + ")");
  }

  private static long number(String value, String option) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Option " + option + " must be a whole number for a numeric partition column: " + value,
          e);
    }
  }

  private static long date(String value, String option) {
    try {
      return LocalDate.parse(value.trim()).toEpochDay();
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "Option " + option + " must be a date (yyyy-MM-dd) for a date partition column: " + value,
          e);
    }
  }

  private static long timestamp(String value, String option) {
    try {
      return java.sql.Timestamp.valueOf(value.trim().replace('T', ' ')).getTime();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Option "
              + option
              + " must be a timestamp (yyyy-MM-dd HH:mm:ss) for a timestamp partition column: "
              + value,
          e);
    }
  }

  /**
   * The rows of the table or query with {@code schema} (from {@link #schema()}): one query per
   * partition clause ({@link #partitions}), results in partition order.
   */
  public List<Row> read(Schema schema) {
    List<Row> rows = new ArrayList<>();
    for (String where : partitions(schema)) {
      rows.addAll(read(schema, where));
    }
    return rows;
  }

  /** The rows matching {@code where} (null: all). */
  public List<Row> read(Schema schema, @Nullable String where) {
    List<String> columns = new ArrayList<>();
    schema.getFieldNames().forEach(n -> columns.add(dialect.quote(n)));
    String sql =
        "SELECT "
            + (columns.isEmpty() ? "1" : String.join(", ", columns))
            + " FROM "
            + options.fromClause()
            + (where == null ? "" : " WHERE " + where);
    try (Connection c = connect()) {
      initSession(c);
      if (options.fetchSize() > 0 && dialect == JdbcTypes.Dialect.POSTGRES) {
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      }
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setFetchSize(options.fetchSize());
        s.setQueryTimeout(options.queryTimeoutSeconds());
        List<Row> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Object[] values = new Object[schema.getFieldCount()];
            for (int i = 0; i < values.length; i++) {
              values[i] = JdbcTypes.get(r, i + 1, schema.getField(i).getType());
            }
            rows.add(Row.withSchema(schema).addValues(values).build());
          }
        }
        return rows;
      }
    } catch (SQLException e) {
      throw failure("reading " + options.describe() + " (" + sql + ")", e);
    }
  }

  private void initSession(Connection c) throws SQLException {
    String init = options.get("sessionInitStatement");
    if (init != null) {
      try (Statement s = c.createStatement()) {
        s.execute(init);
      }
    }
  }

  private String tableName() {
    if (options.table() == null) {
      throw new IllegalArgumentException(
          "Writing needs option 'dbtable' (a table name), not 'query': " + options.describe());
    }
    return options.table();
  }

  /** For messages and tests: the column definitions {@code create} would use, by column. */
  Map<String, String> definitions(Schema schema) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : columnDefinitions(schema).split(", (?=\")")) {
      int space = part.indexOf("\" ");
      out.put(part.substring(1, space), part.substring(space + 2).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** A row that failed, with the driver's reason. */
  private static final class RowFailure extends SQLException {
    private static final long serialVersionUID = 1L;
    final int row;
    final Exception cause;

    RowFailure(int row, Exception cause) {
      super(cause.getMessage(), cause);
      this.row = row;
      this.cause = cause;
    }
  }
}
