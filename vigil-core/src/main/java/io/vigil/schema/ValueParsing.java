package io.vigil.schema;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * How text values become typed values, shared by inference, validation and the file readers. Every method has a
 * {@code char[]} slice form, so readers can parse straight from their buffers without making a {@code String} per
 * value.
 *
 * <pre>{@code
 * ValueParsing.parseNumber("1.5e3");                    // 1500.0
 * ValueParsing.isNumber(ValueParsing.parseNumber("12 kg"));   // false
 * ValueParsing.parseBoolean("True");                    // Boolean.TRUE
 * }</pre>
 *
 * <p>Numbers are what a CSV writer in Python, R or Java prints for a float: optional sign, digits, an optional
 * fraction and exponent, or the words {@code nan}, {@code inf}, {@code infinity} in any case. Java-only forms that
 * {@link Double#parseDouble} also accepts ({@code 1d}, {@code 0x1p3}, surrounding spaces) are not numbers here:
 * they would make a code column such as {@code 12f} numeric by accident. Parsing is correctly rounded (the same
 * double as {@code Double.parseDouble} and NumPy give), by the fastdoubleparser library.
 */
public final class ValueParsing {

  /** Returned by {@link #parseNumber} for text that is not a number; test with {@link #isNumber}. */
  public static final double NOT_A_NUMBER = Double.longBitsToDouble(0x7ff8dead0000beefL);

  private ValueParsing() {}

  public static double parseNumber(String text) {
    return parseNumber(text.toCharArray(), 0, text.length());
  }

  /**
   * Parses {@code buf[off, off + len)}; non-finite words give NaN or ±infinity. Returns {@link #NOT_A_NUMBER} for
   * anything else.
   */
  public static double parseNumber(char[] buf, int off, int len) {
    if (len == 0) {
      return NOT_A_NUMBER;
    }
    boolean digit = false;
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return parseWord(buf, off, len);
      }
    }
    if (!digit) {
      return NOT_A_NUMBER;
    }
    try {
      return JavaDoubleParser.parseDouble(buf, off, len);
    } catch (NumberFormatException e) {
      return NOT_A_NUMBER;
    }
  }

  private static double parseWord(char[] buf, int off, int len) {
    boolean negative = buf[off] == '-';
    int start = negative || buf[off] == '+' ? off + 1 : off;
    int n = off + len - start;
    if (matches(buf, start, n, "nan")) {
      return Double.NaN;
    }
    if (matches(buf, start, n, "inf") || matches(buf, start, n, "infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return NOT_A_NUMBER;
  }

  /** Whether {@code value} came from a successful {@link #parseNumber}. */
  public static boolean isNumber(double value) {
    return Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(NOT_A_NUMBER);
  }

  /** {@code true}/{@code false} in any case; {@code null} for anything else. */
  public static Boolean parseBoolean(String text) {
    return parseBoolean(text.toCharArray(), 0, text.length());
  }

  public static Boolean parseBoolean(char[] buf, int off, int len) {
    if (matches(buf, off, len, "true")) {
      return Boolean.TRUE;
    }
    if (matches(buf, off, len, "false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Case-insensitive comparison of a slice with a lower-case ASCII word. */
  private static boolean matches(char[] buf, int off, int len, String lowerWord) {
    if (len != lowerWord.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = buf[off + i];
      if (c != lowerWord.charAt(i) && Character.toLowerCase(c) != lowerWord.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
