package io.vigil.schema;

import java.util.Locale;

/**
 * How text values become typed values, shared by inference, validation and the file readers.
 *
 * <pre>{@code
 * ValueParsing.parseNumber("1.5e3");   // 1500.0
 * ValueParsing.parseNumber("12 kg");   // NaN-free failure: OptionalNumber.NOT_A_NUMBER
 * ValueParsing.parseBoolean("True");   // Boolean.TRUE
 * }</pre>
 *
 * <p>Numbers are what a CSV writer in Python, R or Java prints for a float: optional sign, digits, an optional
 * fraction and exponent, or the words {@code nan}, {@code inf}, {@code infinity} in any case. Java-only forms that
 * {@link Double#parseDouble} also accepts ({@code 1d}, {@code 0x1p3}, surrounding spaces) are not numbers here:
 * they would make a code column such as {@code 12f} numeric by accident.
 */
public final class ValueParsing {

  /** Returned by {@link #parseNumber} for text that is not a number; never a valid parse result. */
  public static final double NOT_A_NUMBER = Double.longBitsToDouble(0x7ff8dead0000beefL);

  private ValueParsing() {}

  /**
   * Parses a number; non-finite words give NaN or ±infinity. Returns {@link #NOT_A_NUMBER} (test with
   * {@link #isNumber}) for anything else.
   */
  public static double parseNumber(String text) {
    int n = text.length();
    if (n == 0) {
      return NOT_A_NUMBER;
    }
    boolean digit = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return parseWord(text);
      }
    }
    if (!digit) {
      return NOT_A_NUMBER;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return NOT_A_NUMBER;
    }
  }

  private static double parseWord(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    switch (t) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "infinity":
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      default:
        return NOT_A_NUMBER;
    }
  }

  /** Whether {@code value} came from a successful {@link #parseNumber}. */
  public static boolean isNumber(double value) {
    return Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(NOT_A_NUMBER);
  }

  /** {@code true}/{@code false} in any case; {@code null} for anything else. */
  public static Boolean parseBoolean(String text) {
    if ("true".equalsIgnoreCase(text)) {
      return Boolean.TRUE;
    }
    if ("false".equalsIgnoreCase(text)) {
      return Boolean.FALSE;
    }
    return null;
  }
}
