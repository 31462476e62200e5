package dev.sluice.io.jdbc;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's JDBC type mapping, per database ({@link Dialect}): Beam/Spark column types to the SQL
 * types of {@code CREATE TABLE} (Spark's {@code getCommonJDBCType} and its PostgreSQL and H2
 * dialects), JDBC column types to Spark types when reading ({@code getCatalystType}), and values in
 * both directions. Timestamps go through {@link Timestamp} as Spark's do, so a {@code TIMESTAMP}
 * column holds the instant in the JVM's time zone.
 *
 * <pre>{@code
 * JdbcTypes.Dialect pg = JdbcTypes.Dialect.of("jdbc:postgresql://localhost/db");
 * JdbcTypes.sqlType(pg, "name", FieldType.STRING);           // TEXT
 * JdbcTypes.sqlType(pg, "price", SparkTypes.decimal(10, 2)); // NUMERIC(10,2)
 * }</pre>
 */
public final class JdbcTypes {
  private JdbcTypes() {}

  /** The databases whose SQL differs from Spark's common JDBC mapping. */
  public enum Dialect {
    POSTGRES,
    H2,
    GENERIC;

    /** The dialect of a JDBC URL. */
    public static Dialect of(String url) {
      String u = url.toLowerCase(Locale.ROOT);
      if (u.startsWith("jdbc:postgresql")) {
        return POSTGRES;
      }
      if (u.startsWith("jdbc:h2")) {
        return H2;
      }
      return GENERIC;
    }

    /** A column name quoted as Spark's dialects quote it: {@code "name"}. */
    public String quote(String column) {
      return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    /** The statement that empties {@code table}. */
    String truncate(String table, boolean cascade) {
      if (this == POSTGRES) {
        return "TRUNCATE TABLE ONLY " + table + (cascade ? " CASCADE" : "");
      }
      return "TRUNCATE TABLE " + table;
    }
  }

  /**
   * The SQL type {@code CREATE TABLE} gives a column of {@code type}.
   *
   * @throws IllegalArgumentException for a type the database cannot hold, naming the column
   */
  public static String sqlType(Dialect dialect, String column, FieldType type) {
    String sql = sqlTypeOrNull(dialect, type);
    if (sql == null) {
      throw new IllegalArgumentException(
          "Can't get JDBC type for "
              + SparkTypes.simpleString(type)
              + " (column "
              + column
              + "): cast the column to a supported type (string, numbers, boolean, date,"
              + " timestamp, decimal, binary"
              + (dialect == Dialect.POSTGRES ? ", arrays of these" : "")
              + "), or name its SQL type with option createTableColumnTypes");
    }
    return sql;
  }

  @Nullable
  private static String sqlTypeOrNull(Dialect dialect, FieldType type) {
    boolean pg = dialect == Dialect.POSTGRES;
    boolean h2 = dialect == Dialect.H2;
    if (SparkTypes.isDecimal(type)) {
      int p = SparkTypes.decimalPrecision(type);
      int s = SparkTypes.decimalScale(type);
      if (p < 0) {
        p = SparkTypes.MAX_DECIMAL_PRECISION;
        s = 18;
      }
      return (pg || h2 ? "NUMERIC(" : "DECIMAL(") + p + "," + s + ")";
    }
    FieldType plain = type.withNullable(false);
    if (plain.equals(SparkTypes.DATE)) {
      return "DATE";
    }
    if (plain.equals(SparkTypes.TIMESTAMP_NTZ)) {
      return "TIMESTAMP";
    }
    switch (type.getTypeName()) {
      case BYTE:
        return pg || h2 ? (h2 ? "TINYINT" : "SMALLINT") : "BYTE";
      case INT16:
        return pg || h2 ? "SMALLINT" : "INTEGER";
      case INT32:
        return "INTEGER";
      case INT64:
        return "BIGINT";
      case FLOAT:
        return pg ? "FLOAT4" : "REAL";
      case DOUBLE:
        return pg ? "FLOAT8" : "DOUBLE PRECISION";
      case BOOLEAN:
        return pg || h2 ? "BOOLEAN" : "BIT(1)";
      case STRING:
        return h2 ? "CLOB" : "TEXT";
      case BYTES:
        return pg ? "BYTEA" : h2 ? "BINARY LARGE OBJECT" : "BLOB";
      case DATETIME:
        return "TIMESTAMP";
      case ARRAY:
      case ITERABLE:
        if (!pg) {
          return null;
        }
        FieldType element = type.getCollectionElementType();
        if (element.getTypeName() == TypeName.ROW || element.getTypeName() == TypeName.MAP) {
          return null;
        }
        String inner = sqlTypeOrNull(dialect, element);
        return inner == null ? null : inner + "[]";
      default:
        return null;
    }
  }

  /** The PostgreSQL element type name of an array column, for {@code createArrayOf}. */
  private static String arrayElementName(FieldType element) {
    String sql = sqlTypeOrNull(Dialect.POSTGRES, element);
    if (sql == null) {
      throw new IllegalArgumentException(
          "Cannot write arrays of " + SparkTypes.simpleString(element));
    }
    int paren = sql.indexOf('(');
    return (paren < 0 ? sql : sql.substring(0, paren)).toLowerCase(Locale.ROOT);
  }

  /**
   * Spark's type for column {@code i} (1-based) of a result, every column nullable.
   *
   * @throws SQLException for a JDBC type Spark cannot read, naming the column
   */
  static FieldType sparkType(Dialect dialect, ResultSetMetaData meta, int i) throws SQLException {
    int sqlType = meta.getColumnType(i);
    String typeName = meta.getColumnTypeName(i);
    FieldType type =
        sparkTypeOrNull(
            dialect, sqlType, typeName, meta.getPrecision(i), meta.getScale(i), meta.isSigned(i));
    if (type == null) {
      throw new SQLException(
          "Unsupported type "
              + jdbcTypeName(sqlType)
              + " ("
              + typeName
              + ") of column "
              + meta.getColumnLabel(i)
              + ": select the column cast to a supported type (e.g. CAST(c AS VARCHAR)), or leave"
              + " it out");
    }
    return type.withNullable(true);
  }

  @Nullable
  private static FieldType sparkTypeOrNull(
      Dialect dialect, int sqlType, String typeName, int precision, int scale, boolean signed) {
    switch (sqlType) {
      case Types.BIT:
        return dialect == Dialect.POSTGRES && precision > 1 ? FieldType.BYTES : FieldType.BOOLEAN;
      case Types.BOOLEAN:
        return FieldType.BOOLEAN;
      case Types.TINYINT:
        return FieldType.BYTE;
      case Types.SMALLINT:
        return FieldType.INT16;
      case Types.INTEGER:
        return signed ? FieldType.INT32 : FieldType.INT64;
      case Types.BIGINT:
        return signed ? FieldType.INT64 : SparkTypes.decimal(20, 0);
      case Types.REAL:
        return FieldType.FLOAT;
      case Types.FLOAT:
      case Types.DOUBLE:
        return FieldType.DOUBLE;
      case Types.NUMERIC:
      case Types.DECIMAL:
        if (precision <= 0 || precision > SparkTypes.MAX_DECIMAL_PRECISION) {
          return SparkTypes.decimal(SparkTypes.MAX_DECIMAL_PRECISION, 18);
        }
        return SparkTypes.decimal(precision, Math.max(0, Math.min(scale, precision)));
      case Types.CHAR:
      case Types.NCHAR:
      case Types.VARCHAR:
      case Types.NVARCHAR:
      case Types.LONGVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
      case Types.SQLXML:
        return FieldType.STRING;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return FieldType.BYTES;
      case Types.DATE:
        return SparkTypes.DATE;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
      case Types.TIME:
      case Types.TIME_WITH_TIMEZONE:
        return SparkTypes.TIMESTAMP;
      case Types.OTHER:
        // PostgreSQL's json, jsonb, uuid, inet, ...: read as text, as Spark's dialect does
        return dialect == Dialect.POSTGRES ? FieldType.STRING : null;
      case Types.ARRAY:
        if (dialect != Dialect.POSTGRES || !typeName.startsWith("_")) {
          return null;
        }
        FieldType element = postgresElement(typeName.substring(1));
        return element == null ? null : FieldType.array(element.withNullable(true));
      case Types.NULL:
        return FieldType.STRING;
      default:
        return null;
    }
  }

  @Nullable
  private static FieldType postgresElement(String name) {
    switch (name) {
      case "bool":
        return FieldType.BOOLEAN;
      case "int2":
        return FieldType.INT16;
      case "int4":
        return FieldType.INT32;
      case "int8":
        return FieldType.INT64;
      case "float4":
        return FieldType.FLOAT;
      case "float8":
        return FieldType.DOUBLE;
      case "numeric":
        return SparkTypes.decimal(SparkTypes.MAX_DECIMAL_PRECISION, 18);
      case "text":
      case "varchar":
      case "bpchar":
        return FieldType.STRING;
      case "date":
        return SparkTypes.DATE;
      case "timestamp":
      case "timestamptz":
        return SparkTypes.TIMESTAMP;
      default:
        return null;
    }
  }

  private static String jdbcTypeName(int sqlType) {
    try {
      return JDBCType.valueOf(sqlType).getName();
    } catch (IllegalArgumentException e) {
      return Integer.toString(sqlType);
    }
  }

  /** Sets parameter {@code index} (1-based) to {@code value} of {@code type}. */
  static void set(
      Connection connection, PreparedStatement statement, int index, Object value, FieldType type)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, nullType(type));
      return;
    }
    FieldType plain = type.withNullable(false);
    if (plain.equals(SparkTypes.DATE)) {
      statement.setDate(index, java.sql.Date.valueOf((LocalDate) value));
      return;
    }
    if (plain.equals(SparkTypes.TIMESTAMP_NTZ)) {
      statement.setTimestamp(index, Timestamp.valueOf((LocalDateTime) value));
      return;
    }
    switch (type.getTypeName()) {
      case DATETIME:
        statement.setTimestamp(
            index, new Timestamp(((org.joda.time.ReadableInstant) value).getMillis()));
        return;
      case BYTE:
        statement.setByte(index, (Byte) value);
        return;
      case INT16:
        statement.setShort(index, (Short) value);
        return;
      case BYTES:
        statement.setBytes(index, (byte[]) value);
        return;
      case ARRAY:
      case ITERABLE:
        FieldType element = type.getCollectionElementType();
        List<Object> elements = new ArrayList<>();
        for (Object e : (Iterable<?>) value) {
          elements.add(e == null ? null : jdbcValue(e, element));
        }
        Array array =
            connection.createArrayOf(arrayElementName(element), elements.toArray(new Object[0]));
        statement.setArray(index, array);
        return;
      default:
        statement.setObject(index, value);
    }
  }

  private static Object jdbcValue(Object value, FieldType type) {
    FieldType plain = type.withNullable(false);
    if (plain.equals(SparkTypes.DATE)) {
      return java.sql.Date.valueOf((LocalDate) value);
    }
    if (type.getTypeName() == TypeName.DATETIME) {
      return new Timestamp(((org.joda.time.ReadableInstant) value).getMillis());
    }
    return value;
  }

  private static int nullType(FieldType type) {
    FieldType plain = type.withNullable(false);
    if (SparkTypes.isDecimal(type)) {
      return Types.NUMERIC;
    }
    if (plain.equals(SparkTypes.DATE)) {
      return Types.DATE;
    }
    if (plain.equals(SparkTypes.TIMESTAMP_NTZ)) {
      return Types.TIMESTAMP;
    }
    switch (type.getTypeName()) {
      case BYTE:
        return Types.TINYINT;
      case INT16:
        return Types.SMALLINT;
      case INT32:
        return Types.INTEGER;
      case INT64:
        return Types.BIGINT;
      case FLOAT:
        return Types.REAL;
      case DOUBLE:
        return Types.DOUBLE;
      case BOOLEAN:
        return Types.BOOLEAN;
      case BYTES:
        return Types.BINARY;
      case DATETIME:
        return Types.TIMESTAMP;
      case ARRAY:
      case ITERABLE:
        return Types.ARRAY;
      default:
        return Types.VARCHAR;
    }
  }

  /** Column {@code i} (1-based) of the current result row as a value of {@code type}. */
  @Nullable
  static Object get(ResultSet result, int i, FieldType type) throws SQLException {
    FieldType plain = type.withNullable(false);
    if (SparkTypes.isDecimal(type)) {
      BigDecimal d = result.getBigDecimal(i);
      if (d == null) {
        return null;
      }
      int scale = SparkTypes.decimalScale(type);
      return scale < 0 ? d : d.setScale(scale, java.math.RoundingMode.HALF_UP);
    }
    if (plain.equals(SparkTypes.DATE)) {
      java.sql.Date d = result.getDate(i);
      return d == null ? null : d.toLocalDate();
    }
    switch (type.getTypeName()) {
      case DATETIME:
        Timestamp t = result.getTimestamp(i);
        return t == null ? null : new org.joda.time.Instant(t.getTime());
      case ARRAY:
      case ITERABLE:
        Array array = result.getArray(i);
        if (array == null) {
          return null;
        }
        List<Object> out = new ArrayList<>();
        for (Object e : (Object[]) array.getArray()) {
          out.add(e == null ? null : element(e, type.getCollectionElementType()));
        }
        return out;
      default:
        break;
    }
    Object value;
    switch (type.getTypeName()) {
      case BOOLEAN:
        value = result.getBoolean(i);
        break;
      case BYTE:
        value = result.getByte(i);
        break;
      case INT16:
        value = result.getShort(i);
        break;
      case INT32:
        value = result.getInt(i);
        break;
      case INT64:
        value = result.getLong(i);
        break;
      case FLOAT:
        value = result.getFloat(i);
        break;
      case DOUBLE:
        value = result.getDouble(i);
        break;
      case BYTES:
        value = result.getBytes(i);
        break;
      default:
        value = result.getString(i);
    }
    return result.wasNull() ? null : value;
  }

  private static Object element(Object e, FieldType type) {
    FieldType plain = type.withNullable(false);
    if (plain.equals(SparkTypes.DATE) && e instanceof java.sql.Date) {
      return ((java.sql.Date) e).toLocalDate();
    }
    if (type.getTypeName() == TypeName.DATETIME && e instanceof Timestamp) {
      return new org.joda.time.Instant(((Timestamp) e).getTime());
    }
    if (SparkTypes.isDecimal(type) && e instanceof BigDecimal) {
      return ((BigDecimal) e)
          .setScale(SparkTypes.decimalScale(type), java.math.RoundingMode.HALF_UP);
    }
    if (type.getTypeName() == TypeName.STRING) {
      return e.toString();
    }
    return e;
  }

  /** The Spark schema of a query's result, every column nullable. */
  static Schema schema(Dialect dialect, ResultSetMetaData meta) throws SQLException {
    Schema.Builder builder = Schema.builder();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      builder.addField(meta.getColumnLabel(i), sparkType(dialect, meta, i));
    }
    return builder.build();
  }

  /** {@code row} as the values of a row of {@code schema} (for messages). */
  static String describe(Row row) {
    StringBuilder s = new StringBuilder("(");
    Schema schema = row.getSchema();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      s.append(i == 0 ? "" : ", ").append(schema.getField(i).getName()).append('=');
      Object v = row.getValue(i);
      s.append(v instanceof byte[] ? "<" + ((byte[]) v).length + " bytes>" : String.valueOf(v));
    }
    return s.append(')').toString();
  }
}
