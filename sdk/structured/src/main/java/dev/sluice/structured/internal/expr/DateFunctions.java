package dev.sluice.structured.internal.expr;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.joda.time.ReadableInstant;

/**
 * Spark's date and time functions, evaluated in the session time zone of the {@link EvalContext}:
 *
 * <table>
 *   <caption>Functions</caption>
 *   <tr><td>to_timestamp(s[, fmt])</td><td>timestamp; null if s does not parse</td></tr>
 *   <tr><td>to_date(s[, fmt])</td><td>date</td></tr>
 *   <tr><td>current_timestamp(), now()</td><td>the batch's time, the same for every row</td></tr>
 *   <tr><td>current_date()</td><td>the batch's date</td></tr>
 *   <tr><td>date_format(ts, fmt)</td><td>string</td></tr>
 *   <tr><td>unix_timestamp([ts|s[, fmt]])</td><td>bigint seconds; fmt defaults to
 *       yyyy-MM-dd HH:mm:ss</td></tr>
 *   <tr><td>from_unixtime(seconds[, fmt])</td><td>string</td></tr>
 *   <tr><td>year, month, dayofmonth, dayofweek, hour, minute, second</td><td>int</td></tr>
 * </table>
 */
final class DateFunctions {
  private DateFunctions() {}

  static void registerArity(Map<String, int[]> arity) {
    arity.put("to_timestamp", new int[] {1, 2});
    arity.put("to_date", new int[] {1, 2});
    arity.put("current_timestamp", new int[] {0, 0});
    arity.put("now", new int[] {0, 0});
    arity.put("current_date", new int[] {0, 0});
    arity.put("date_format", new int[] {2, 2});
    arity.put("unix_timestamp", new int[] {0, 2});
    arity.put("from_unixtime", new int[] {1, 2});
    for (String f :
        new String[] {
          "year", "month", "dayofmonth", "day", "dayofweek", "hour", "minute", "second"
        }) {
      arity.put(f, new int[] {1, 1});
    }
  }

  static Bound bind(FunctionCall call, List<Bound> args) {
    String sql = call.sql();
    String name = call.name();
    switch (name) {
      case "to_timestamp":
        if (args.size() == 1) {
          return Bounds.renamed(timestamp(sql, args.get(0)), sql);
        }
        return parseWithPattern(sql, args, true);
      case "to_date":
        if (args.size() == 1) {
          Bound d = args.get(0);
          checkTimeLike(sql, d);
          return Bounds.renamed(
              Bounds.cast(
                  d, FieldType.logicalType(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE)),
              sql);
        }
        return parseWithPattern(sql, args, false);
      case "current_timestamp":
      case "now":
        return Bounds.of(
            FieldType.DATETIME, sql, (row, ctx) -> Values.toInstant(ctx.currentTimestampMillis));
      case "current_date":
        return Bounds.of(
            FieldType.logicalType(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE),
            sql,
            (row, ctx) ->
                Instant.ofEpochMilli(ctx.currentTimestampMillis).atZone(ctx.zone).toLocalDate());
      case "date_format":
        {
          Bound ts = timestamp(sql, args.get(0));
          Bound fmt = ScalarFunctions.string(args.get(1));
          return Bounds.binary(
              FieldType.STRING.withNullable(true),
              sql,
              ts,
              fmt,
              (t, f, ctx) ->
                  DateTimes.format(((ReadableInstant) t).getMillis(), (String) f, ctx.zone));
        }
      case "unix_timestamp":
        return unixTimestamp(sql, args);
      case "from_unixtime":
        {
          Bound seconds = Bounds.cast(args.get(0), FieldType.INT64);
          Bound fmt =
              args.size() > 1
                  ? ScalarFunctions.string(args.get(1))
                  : Bounds.of(
                      FieldType.STRING,
                      DateTimes.DEFAULT_PATTERN,
                      (r, c) -> DateTimes.DEFAULT_PATTERN);
          return Bounds.binary(
              FieldType.STRING.withNullable(true),
              sql,
              seconds,
              fmt,
              (s, f, ctx) -> DateTimes.format((Long) s * 1000, (String) f, ctx.zone));
        }
      default:
        return field(sql, name, args.get(0));
    }
  }

  private static void checkTimeLike(String sql, Bound b) {
    FieldType t = b.type();
    if (!Types.isString(t)
        && !Types.isTimestamp(t)
        && !Types.isDate(t)
        && !Types.isNull(t)
        && !Types.isTimestampNtz(t)) {
      throw ScalarFunctions.mismatch(sql, "the argument must be a timestamp, date or string", b);
    }
  }

  /** The argument as a timestamp: strings are cast the way Spark's implicit cast does. */
  static Bound timestamp(String sql, Bound b) {
    checkTimeLike(sql, b);
    return Bounds.cast(b, FieldType.DATETIME);
  }

  private static Bound parseWithPattern(String sql, List<Bound> args, boolean toTimestamp) {
    Bound value = args.get(0);
    Bound fmt = ScalarFunctions.string(args.get(1));
    checkTimeLike(sql, value);
    FieldType type =
        toTimestamp
            ? FieldType.DATETIME.withNullable(true)
            : FieldType.logicalType(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE)
                .withNullable(true);
    if (!Types.isString(value.type())) {
      return Bounds.renamed(Bounds.cast(value, type), sql);
    }
    return Bounds.binary(
        type,
        sql,
        value,
        fmt,
        (v, f, ctx) -> {
          Long millis = DateTimes.parseTimestamp((String) v, (String) f, ctx.zone);
          if (millis == null) {
            return null;
          }
          return toTimestamp
              ? Values.toInstant(millis)
              : Instant.ofEpochMilli(millis).atZone(ctx.zone).toLocalDate();
        });
  }

  private static Bound unixTimestamp(String sql, List<Bound> args) {
    if (args.isEmpty()) {
      return Bounds.of(
          FieldType.INT64, sql, (row, ctx) -> Math.floorDiv(ctx.currentTimestampMillis, 1000L));
    }
    Bound value = args.get(0);
    checkTimeLike(sql, value);
    if (Types.isString(value.type())) {
      Bound fmt =
          args.size() > 1
              ? ScalarFunctions.string(args.get(1))
              : Bounds.of(
                  FieldType.STRING, DateTimes.DEFAULT_PATTERN, (r, c) -> DateTimes.DEFAULT_PATTERN);
      return Bounds.binary(
          FieldType.INT64.withNullable(true),
          sql,
          value,
          fmt,
          (v, f, ctx) -> {
            Long millis = DateTimes.parseTimestamp((String) v, (String) f, ctx.zone);
            return millis == null ? null : Math.floorDiv(millis, 1000L);
          });
    }
    Bound ts = Bounds.cast(value, FieldType.DATETIME);
    return Bounds.unary(
        FieldType.INT64.withNullable(true),
        sql,
        ts,
        (t, ctx) -> Math.floorDiv(((ReadableInstant) t).getMillis(), 1000L));
  }

  private static Bound field(String sql, String name, Bound arg) {
    Bound ts = timestamp(sql, arg);
    return Bounds.unary(
        FieldType.INT32.withNullable(true),
        sql,
        ts,
        (t, ctx) -> extract(name, ((ReadableInstant) t).getMillis(), ctx.zone));
  }

  private static int extract(String name, long millis, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
    switch (name) {
      case "year":
        return local.getYear();
      case "month":
        return local.getMonthValue();
      case "dayofmonth":
      case "day":
        return local.getDayOfMonth();
      case "dayofweek":
        return local.getDayOfWeek().getValue() % 7 + 1; // Spark: 1 = Sunday
      case "hour":
        return local.getHour();
      case "minute":
        return local.getMinute();
      default:
        return local.getSecond();
    }
  }
}
