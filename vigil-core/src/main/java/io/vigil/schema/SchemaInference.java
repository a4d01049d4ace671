package io.vigil.schema;

/**
 * Infers a feature's type from the values seen, one value at a time, in constant memory.
 *
 * <pre>{@code
 * SchemaInference inference = new SchemaInference();
 * for (String v : List.of("1", "", "2.5")) inference.accept(v);
 * inference.type();   // Optional[NUMERIC]
 * }</pre>
 *
 * <p>The rule (issue 2): a column is numeric when every non-empty value parses as a number
 * ({@link ValueParsing#parseNumber}) and at least one is finite; boolean when every non-empty value is
 * {@code true} or {@code false}; categorical otherwise. A column with no non-empty value has no type.
 */
public final class SchemaInference {

  private boolean allNumbers = true;
  private boolean anyFinite;
  private boolean allBooleans = true;
  private long present;

  /** Takes one value; {@code null} and empty text are missing and do not vote. */
  public void accept(String value) {
    if (value != null) {
      acceptAndParse(value.toCharArray(), 0, value.length());
    }
  }

  /**
   * Takes the value {@code buf[off, off + len)} and returns it parsed as a number while the column may still be
   * numeric, so a caller that keeps the numbers parses each value once. Returns {@link ValueParsing#NOT_A_NUMBER}
   * for missing values, for values that are not numbers, and for everything after the first value that was not a
   * number.
   */
  public double acceptAndParse(char[] buf, int off, int len) {
    if (len == 0) {
      return ValueParsing.NOT_A_NUMBER;
    }
    present++;
    double x = ValueParsing.NOT_A_NUMBER;
    if (allNumbers) {
      x = ValueParsing.parseNumber(buf, off, len);
      if (!ValueParsing.isNumber(x)) {
        allNumbers = false;
      } else if (Double.isFinite(x)) {
        anyFinite = true;
      }
    }
    if (allBooleans && ValueParsing.parseBoolean(buf, off, len) == null) {
      allBooleans = false;
    }
    return x;
  }

  /** Takes a value already known to be a number (for example a JSON number). */
  public void acceptNumber(double value) {
    present++;
    allBooleans = false;
    if (Double.isFinite(value)) {
      anyFinite = true;
    }
  }

  /** The inferred type, or empty when every value was missing. */
  public java.util.Optional<FeatureType> type() {
    if (present == 0) {
      return java.util.Optional.empty();
    }
    if (allNumbers && anyFinite) {
      return java.util.Optional.of(FeatureType.NUMERIC);
    }
    if (allBooleans) {
      return java.util.Optional.of(FeatureType.BOOLEAN);
    }
    return java.util.Optional.of(FeatureType.CATEGORICAL);
  }
}
