package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * A struct field, array element or map value: {@code col("w").getField("start")} ({@code w.start}),
 * {@code col("words").getItem(0)} ({@code words[0]}), {@code col("m").getItem("k")} ({@code m[k]}).
 * Array indexes start at 0; an index out of range or a missing key gives null.
 *
 * <pre>{@code
 * new ExtractValue(new Attribute(List.of("words")), Literal.of(0), false).sql();  // "words[0]"
 * }</pre>
 */
public final class ExtractValue extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression child;
  private final Expression key;
  private final boolean isField;

  /**
   * @param isField true for {@code getField(name)} (key must be a string literal), false for {@code
   *     getItem(key)}
   */
  public ExtractValue(Expression child, Expression key, boolean isField) {
    this.child = child;
    this.key = key;
    this.isField = isField;
  }

  @Override
  public String sql() {
    return isField ? child.sql() + "." + key.sql() : child.sql() + "[" + key.sql() + "]";
  }

  @Override
  public List<Expression> children() {
    return Arrays.asList(child, key);
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(isField);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new ExtractValue(c.get(0), c.get(1), isField);
  }

  @Override
  public Bound bind(Schema input) {
    Bound base = child.bind(input);
    Bound k = key.bind(input);
    FieldType type = base.type();
    if (Types.isStruct(type)) {
      if (!(key instanceof Literal) || !Types.isString(k.type())) {
        throw new AnalysisException(
            "Field name should be a string literal, but it's " + key.sql() + " in " + sql());
      }
      return Bounds.renamed(field(base, (String) ((Literal) key).value(), sql()), sql());
    }
    if (isField) {
      throw new AnalysisException(
          "Can't extract value from "
              + child.sql()
              + ": need struct type but got "
              + Types.sparkName(type)
              + " (in "
              + sql()
              + ")");
    }
    if (Types.isArray(type)) {
      if (!Types.isIntegral(k.type()) && !Types.isNull(k.type())) {
        throw new AnalysisException(
            "Array index in "
                + sql()
                + " must be an integer but is "
                + Types.sparkName(k.type())
                + ", e.g. getItem(0)");
      }
      FieldType element = type.getCollectionElementType().withNullable(true);
      return Bounds.binary(
          element,
          sql(),
          base,
          k,
          (list, i, ctx) -> {
            long index = ((Number) i).longValue();
            List<?> values = (List<?>) list;
            return index < 0 || index >= values.size()
                ? null
                : Values.normalize(values.get((int) index));
          });
    }
    if (Types.isMap(type)) {
      FieldType keyType = type.getMapKeyType();
      Bound castKey = Bounds.cast(k, keyType);
      return Bounds.binary(
          type.getMapValueType().withNullable(true),
          sql(),
          base,
          castKey,
          (map, kv, ctx) -> Values.normalize(((Map<?, ?>) map).get(kv)));
    }
    throw new AnalysisException(
        "Can't extract value from "
            + child.sql()
            + ": need struct, array or map type but got "
            + Types.sparkName(type));
  }

  /** The named field (case-insensitive) of a struct-valued bound. */
  static Bound field(Bound struct, String name, String sql) {
    FieldType type = struct.type();
    if (Types.isMap(type) && Types.isString(type.getMapKeyType())) {
      return Bounds.unary(
          type.getMapValueType().withNullable(true),
          name,
          struct,
          (m, ctx) -> Values.normalize(((Map<?, ?>) m).get(name)));
    }
    if (!Types.isStruct(type)) {
      throw new AnalysisException(
          "Can't extract value from "
              + struct.name()
              + ": need struct type but got "
              + Types.sparkName(type)
              + " (in "
              + sql
              + ")");
    }
    Schema schema = type.getRowSchema();
    int index = Attribute.indexOf(schema, name);
    if (index < 0) {
      AnalysisException e = Attribute.notFound(name, schema);
      throw new AnalysisException(
          "No such struct field " + name + " in " + struct.name() + ". " + e.getMessage());
    }
    Schema.Field field = schema.getField(index);
    FieldType fieldType =
        field.getType().withNullable(field.getType().getNullable() || type.getNullable());
    return Bounds.unary(
        fieldType, field.getName(), struct, (r, ctx) -> Attribute.read((Row) r, index));
  }
}
