package dev.sluice.structured.internal.expr;

import dev.sluice.io.format.JsonRowParser;
import dev.sluice.io.format.ParsedLine;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's {@code from_json(child, schema)}: a JSON text parsed into a struct of {@code schema} with
 * io's {@link JsonRowParser} (Spark's JSON rules and options, e.g. {@code timestampFormat}). Null
 * text gives null; text that is not a JSON object of the schema gives null too (Spark's PERMISSIVE
 * result for a record it cannot parse at all); fields that do not convert are null.
 *
 * <pre>{@code
 * FromJson json = new FromJson(new Attribute(List.of("value")),
 *     DdlSchema.parse("id STRING, ts TIMESTAMP"), Map.of());
 * json.sql();   // from_json(value)
 * }</pre>
 */
public final class FromJson extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression child;
  private final Schema schema;
  private final Map<String, String> options;

  public FromJson(Expression child, Schema schema, Map<String, String> options) {
    this.child = child;
    this.schema = schema;
    this.options = Map.copyOf(options);
  }

  @Override
  public String sql() {
    return "from_json(" + child.sql() + ")";
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(child);
  }

  @Override
  List<Object> parameters() {
    return List.of(SparkTypes.simpleString(FieldType.row(schema)), options);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new FromJson(c.get(0), schema, options);
  }

  @Override
  public Bound bind(Schema input) {
    Bound c = child.bind(input);
    if (!Types.isString(c.type()) && !Types.isNull(c.type())) {
      throw new AnalysisException(
          "Cannot resolve '"
              + sql()
              + "' due to data type mismatch: the input must be a string, not "
              + Types.sparkName(c.type())
              + "; cast it first, e.g. from_json(col(\"value\").cast(\"string\"), schema)");
    }
    JsonRowParser parser = JsonRowParser.of(schema).withOptions(options);
    return Bounds.of(
        FieldType.row(schema).withNullable(true),
        sql(),
        (row, ctx) -> {
          Object text = c.eval(row, ctx);
          if (text == null) {
            return null;
          }
          ParsedLine parsed = parser.parse(text.toString(), "from_json");
          // PERMISSIVE: fields that parsed keep their values, the others are null (Spark 3+)
          if (parsed.rows().isEmpty()) {
            return Row.nullRow(schema);
          }
          Row first = parsed.rows().get(0);
          return first.getSchema().equals(schema) ? first : Row.nullRow(schema);
        });
  }
}
