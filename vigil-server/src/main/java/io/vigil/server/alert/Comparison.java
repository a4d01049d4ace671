package io.vigil.server.alert;

/**
 * The operator of a rule's condition. Only ordering comparisons: equality on a floating-point metric would
 * flap on rounding, which is why Prometheus users write {@code > 0} rather than {@code == 1} too.
 *
 * <pre>{@code
 * Comparison.parse(">=").holds(0.5, 0.5);   // true
 * }</pre>
 */
public enum Comparison {
  LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether {@code value op threshold}; NaN never holds. */
  public boolean holds(double value, double threshold) {
    return switch (this) {
      case LESS -> value < threshold;
      case LESS_OR_EQUAL -> value <= threshold;
      case GREATER -> value > threshold;
      case GREATER_OR_EQUAL -> value >= threshold;
    };
  }

  public static Comparison parse(String text) {
    for (Comparison c : values()) {
      if (c.symbol.equals(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown operator '" + text + "'; valid: <, <=, >, >=");
  }
}
