package dev.sluice.structured.internal.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A call of a scalar (row-by-row) Spark SQL function such as {@code upper(action)}, {@code
 * regexp_extract(value, regex, 1)} or {@code current_timestamp()}. The functions and their typing
 * are listed in {@link ScalarFunctions}.
 *
 * <pre>{@code
 * new FunctionCall("upper", List.of(new Attribute(List.of("action")))).sql();  // "upper(action)"
 * }</pre>
 */
public final class FunctionCall extends Expression {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final List<Expression> args;

  /**
   * A call of function {@code name} (case-insensitive).
   *
   * @throws dev.sluice.structured.AnalysisException if there is no such function
   */
  public FunctionCall(String name, List<Expression> args) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.args = Collections.unmodifiableList(new ArrayList<>(args));
    ScalarFunctions.checkKnown(this.name, this.args.size());
  }

  /** The lower-case function name. */
  public String name() {
    return name;
  }

  /** The arguments. */
  public List<Expression> args() {
    return args;
  }

  @Override
  public String sql() {
    switch (name) {
      case "like":
        return args.get(0).sql() + " LIKE " + args.get(1).sql();
      case "rlike":
        return "RLIKE(" + args.get(0).sql() + ", " + args.get(1).sql() + ")";
      default:
        return name
            + "("
            + args.stream().map(Expression::sql).collect(Collectors.joining(", "))
            + ")";
    }
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(name);
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return new FunctionCall(name, children);
  }

  @Override
  public Bound bind(Schema input) {
    List<Bound> bound = new ArrayList<>();
    for (Expression arg : args) {
      bound.add(arg.bind(input));
    }
    return ScalarFunctions.bind(this, bound);
  }
}
