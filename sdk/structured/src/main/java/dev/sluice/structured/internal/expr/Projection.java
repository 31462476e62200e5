package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * A select list resolved against an input schema: Spark's {@code select}, {@code selectExpr},
 * {@code withColumn}, {@code withColumnRenamed} and {@code drop}. Each input row gives one output
 * row, except that
 *
 * <ul>
 *   <li>one generator column ({@code explode}) gives a row per element (none for a null or empty
 *       input, unless {@code explode_outer});
 *   <li>a {@code window(...)} column gives a row per window holding the row's time (one for
 *       tumbling windows, several for sliding ones), and none when the time is null.
 * </ul>
 *
 * <pre>{@code
 * Projection p = Projection.of(schema, List.of(explode(split(col("value"), " ")).as("word")));
 * p.outputSchema();                         // word: string
 * p.apply(row("a b"), ctx);                 // [Row(a), Row(b)]
 * }</pre>
 */
public final class Projection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Schema output;

  /** The output columns' names as the user knows them; they may repeat, the schema's never do. */
  private final List<String> names;

  /** Per output column: the input column it passes on unchanged, or -1. */
  private final int[] sources;

  /** One per output slot; null for the generator and window slots. */
  private final List<Bound> bounds;

  private final int generatorSlot;
  private final Bound generatorInput;
  private final boolean generatorOuter;
  private final int generatorWidth;

  private final int windowSlot;
  private final TimeWindow window;
  private final Bound windowTime;

  private Projection(Schema input, List<Expression> columns) {
    List<Bound> slots = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<Integer> passed = new ArrayList<>();
    int genSlot = -1;
    Bound genInput = null;
    boolean genOuter = false;
    int genWidth = 0;
    int winSlot = -1;
    TimeWindow win = null;
    Bound winTime = null;
    int windows = 0;
    for (Expression column : columns) {
      if (column.isAggregate()) {
        throw new AnalysisException(
            "Aggregate function "
                + column.sql()
                + " cannot be used in a projection of each row; use groupBy(...).agg(...) or"
                + " agg(...) over the whole stream");
      }
      Expression bare = column.unalias();
      if (bare instanceof Star) {
        boolean all = ((Star) bare).target() == null;
        int i = 0;
        for (Bound b : expandStar((Star) bare, input)) {
          slots.add(b);
          fields.add(Field.of(b.name(), Types.forOutput(b.type(), b.name())));
          passed.add(all ? i++ : -1);
        }
        continue;
      }
      if (bare instanceof TimeWindow || bare instanceof SessionWindow) {
        windows++;
      }
      if (windows > 1) {
        throw new AnalysisException(
            "Multiple time/session window expressions would result in a cartesian product of rows,"
                + " therefore they are currently not supported: "
                + column);
      }
      if (column.isGenerator()) {
        if (genSlot >= 0) {
          throw new AnalysisException(
              "Only one generator allowed per select clause but found 2: " + columns);
        }
        Explode explode = (Explode) bare;
        genSlot = slots.size();
        genInput = explode.bindInput(input);
        genOuter = explode.outer();
        slots.add(null);
        FieldType type = genInput.type();
        if (Types.isMap(type)) {
          if (column instanceof Alias) {
            throw new AnalysisException(
                "The number of aliases supplied in the AS clause does not match the number of"
                    + " columns output by the UDTF expected 2 aliases but got "
                    + ((Alias) column).name()
                    + "; explode of a map gives the columns key and value");
          }
          genWidth = 2;
          fields.add(Field.of("key", type.getMapKeyType().withNullable(genOuter)));
          fields.add(Field.of("value", type.getMapValueType().withNullable(true)));
          passed.add(-1);
          passed.add(-1);
        } else {
          genWidth = 1;
          String name = column instanceof Alias ? ((Alias) column).name() : "col";
          FieldType element = type.getCollectionElementType();
          fields.add(Field.of(name, element.withNullable(element.getNullable() || genOuter)));
          passed.add(-1);
        }
        continue;
      }
      if (column.containsGenerator()) {
        column.unalias().bind(input); // throws the nested-generator error
      }
      if (bare instanceof TimeWindow) {
        winSlot = slots.size();
        win = (TimeWindow) bare;
        winTime = win.bindTime(input, "window");
        slots.add(null);
        String name = column instanceof Alias ? ((Alias) column).name() : "window";
        fields.add(Field.of(name, FieldType.row(TimeWindow.WINDOW_SCHEMA)));
        passed.add(-1);
        continue;
      }
      Bound b = column.bind(input);
      slots.add(b);
      fields.add(Field.of(b.name(), Types.forOutput(b.type(), b.name())));
      passed.add(passThrough(column, input));
    }
    List<String> shown = new ArrayList<>();
    for (Field f : fields) {
      shown.add(f.getName());
    }
    this.names = List.copyOf(shown);
    this.output = new Schema(uniqueNames(fields));
    this.sources = passed.stream().mapToInt(Integer::intValue).toArray();
    this.bounds = slots;
    this.generatorSlot = genSlot;
    this.generatorInput = genInput;
    this.generatorOuter = genOuter;
    this.generatorWidth = genWidth;
    this.windowSlot = winSlot;
    this.window = win;
    this.windowTime = winTime;
  }

  /**
   * The input column a select item passes on unchanged (a bare reference to a top-level column, not
   * renamed), or -1.
   */
  private static int passThrough(Expression column, Schema input) {
    if (!(column instanceof Attribute) || ((Attribute) column).parts().size() != 1) {
      return -1;
    }
    Attribute a = (Attribute) column;
    if (a.isResolved()) {
      return input.hasField(a.lastPart()) ? input.indexOf(a.lastPart()) : -1;
    }
    return Attribute.indexOf(input, a.lastPart());
  }

  /**
   * The fields with names that repeat (ignoring case) made unique: the second {@code x} becomes
   * {@code x#1}, and so on. The rows need unique field names; the user's names are kept apart.
   */
  public static List<Field> uniqueNames(List<Field> fields) {
    Set<String> taken = new HashSet<>();
    for (Field f : fields) {
      taken.add(f.getName().toLowerCase(java.util.Locale.ROOT));
    }
    Set<String> seen = new HashSet<>();
    List<Field> out = new ArrayList<>(fields.size());
    for (Field f : fields) {
      String name = f.getName();
      if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
        int n = 1;
        while (taken.contains((name + "#" + n).toLowerCase(java.util.Locale.ROOT))) {
          n++;
        }
        name = name + "#" + n;
        taken.add(name.toLowerCase(java.util.Locale.ROOT));
        seen.add(name.toLowerCase(java.util.Locale.ROOT));
      }
      out.add(name.equals(f.getName()) ? f : f.withName(name));
    }
    return out;
  }

  /** A schema of the fields, with Spark's error for duplicate names. */
  static Schema schema(List<Field> fields) {
    Set<String> seen = new HashSet<>();
    for (Field f : fields) {
      if (!seen.add(f.getName())) {
        throw new AnalysisException(
            "Found duplicate column(s) in the result: `"
                + f.getName()
                + "`; give one of them another name with .as(\"...\")");
      }
    }
    return new Schema(fields);
  }

  private static List<Bound> expandStar(Star star, Schema input) {
    List<Bound> out = new ArrayList<>();
    if (star.target() == null) {
      for (Field f : input.getFields()) {
        out.add(Attribute.exact(f.getName()).bind(input));
      }
      return out;
    }
    Bound struct = star.target().bind(input);
    if (!Types.isStruct(struct.type())) {
      throw new AnalysisException(
          "Can only star expand struct data types. Attribute: "
              + star.target().sql()
              + " is "
              + Types.sparkName(struct.type()));
    }
    for (Field f : struct.type().getRowSchema().getFields()) {
      out.add(ExtractValue.field(struct, f.getName(), star.sql()));
    }
    return out;
  }

  /**
   * A projection of {@code columns} over rows of {@code input}.
   *
   * @throws AnalysisException if a column does not resolve, an aggregate is used, or more than one
   *     generator or window is selected
   */
  public static Projection of(Schema input, List<Expression> columns) {
    return new Projection(input, List.copyOf(columns));
  }

  /**
   * Spark's {@code withColumn(name, c)}: the input columns with the one named {@code name}
   * (ignoring case) replaced in place, or {@code c} appended as {@code name}.
   */
  public static Projection withColumn(Schema input, String name, Expression c) {
    return withColumn(input, input.getFieldNames(), name, c);
  }

  /**
   * {@link #withColumn(Schema, String, Expression)} over columns the user knows by {@code names}
   * (which may repeat); every column of that name is replaced, as in Spark.
   */
  public static Projection withColumn(Schema input, List<String> names, String name, Expression c) {
    List<Expression> columns = new ArrayList<>();
    boolean replaced = false;
    for (int i = 0; i < input.getFieldCount(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        columns.add(new Alias(c.unalias(), name));
        replaced = true;
      } else {
        columns.add(reference(input, names, i));
      }
    }
    if (!replaced) {
      columns.add(new Alias(c.unalias(), name));
    }
    return new Projection(input, columns);
  }

  /**
   * Spark's {@code withColumnRenamed(existing, newName)}; renaming a column that does not exist
   * changes nothing, as in Spark.
   */
  public static Projection withColumnRenamed(Schema input, String existing, String newName) {
    return withColumnRenamed(input, input.getFieldNames(), existing, newName);
  }

  /**
   * {@code withColumnRenamed} over columns the user knows by {@code names}; all matches renamed.
   */
  public static Projection withColumnRenamed(
      Schema input, List<String> names, String existing, String newName) {
    List<Expression> columns = new ArrayList<>();
    for (int i = 0; i < input.getFieldCount(); i++) {
      Expression ref = reference(input, names, i);
      columns.add(names.get(i).equalsIgnoreCase(existing) ? new Alias(ref, newName) : ref);
    }
    return new Projection(input, columns);
  }

  /** Input column {@code i} as the user knows it: its field, shown as {@code names.get(i)}. */
  private static Expression reference(Schema input, List<String> names, int i) {
    String field = input.getField(i).getName();
    return field.equals(names.get(i))
        ? Attribute.exact(field)
        : Attribute.resolved(field, names.get(i));
  }

  /** Spark's {@code drop(names...)}: names that do not exist are ignored. */
  public static Projection drop(Schema input, String... names) {
    return drop(input, input.getFieldNames(), names);
  }

  /** {@code drop} over columns the user knows by {@code shown}: every column of a name goes. */
  public static Projection drop(Schema input, List<String> shown, String... names) {
    List<Expression> columns = new ArrayList<>();
    for (int i = 0; i < input.getFieldCount(); i++) {
      boolean dropped = false;
      for (String n : names) {
        dropped |= shown.get(i).equalsIgnoreCase(n);
      }
      if (!dropped) {
        columns.add(reference(input, shown, i));
      }
    }
    return new Projection(input, columns);
  }

  /** The schema of the rows {@link #apply} returns. */
  public Schema outputSchema() {
    return output;
  }

  /**
   * The output columns' names as the user knows them (they may repeat; see {@link #uniqueNames}).
   */
  public List<String> names() {
    return names;
  }

  /** The input column output column {@code i} passes on unchanged, or -1 if it computes a value. */
  public int source(int i) {
    return sources[i];
  }

  /** The output rows for one input row (usually one; see the class documentation). */
  public List<Row> apply(Row row, EvalContext ctx) {
    int width = output.getFieldCount();
    List<Object> base = new ArrayList<>(width);
    for (Bound b : bounds) {
      if (b != null) {
        base.add(b.eval(row, ctx));
      } else {
        base.add(null);
      }
    }
    List<Row> windows = null;
    if (window != null) {
      Long t = TimeWindow.millis(windowTime.eval(row, ctx));
      if (t == null) {
        return Collections.emptyList();
      }
      windows = window.windowsOf(t);
    }
    List<List<Object>> generated = null;
    if (generatorInput != null) {
      generated = generate(generatorInput.eval(row, ctx));
      if (generated.isEmpty()) {
        return Collections.emptyList();
      }
    }
    if (windows == null && generated == null) {
      return Collections.singletonList(Row.withSchema(output).attachValues(base));
    }
    List<Row> rows = new ArrayList<>();
    for (Row w : windows == null ? Collections.<Row>singletonList(null) : windows) {
      for (List<Object> g :
          generated == null ? Collections.<List<Object>>singletonList(null) : generated) {
        List<Object> values = new ArrayList<>(width);
        for (int i = 0; i < bounds.size(); i++) {
          if (i == windowSlot) {
            values.add(w);
          } else if (i == generatorSlot) {
            values.addAll(g);
          } else {
            values.add(base.get(i));
          }
        }
        rows.add(Row.withSchema(output).attachValues(values));
      }
    }
    return rows;
  }

  private List<List<Object>> generate(Object collection) {
    List<List<Object>> out = new ArrayList<>();
    if (collection instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) collection).entrySet()) {
        List<Object> pair = new ArrayList<>(2);
        pair.add(Values.normalize(e.getKey()));
        pair.add(Values.normalize(e.getValue()));
        out.add(pair);
      }
    } else if (collection != null) {
      for (Object element : (Iterable<?>) collection) {
        out.add(Collections.singletonList(Values.normalize(element)));
      }
    }
    if (out.isEmpty() && generatorOuter) {
      List<Object> nulls = new ArrayList<>();
      for (int i = 0; i < generatorWidth; i++) {
        nulls.add(null);
      }
      out.add(nulls);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Projection" + output.getFieldNames();
  }
}
