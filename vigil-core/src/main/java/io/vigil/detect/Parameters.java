package io.vigil.detect;

import java.util.List;
import java.util.Map;

/**
 * Reads a detector's options from text ({@code --param delta=0.01}): unknown names are refused with the list of
 * valid ones, and values that are not numbers (or booleans) are refused with the parameter's name.
 */
final class Parameters {

  private final String detector;
  private final Map<String, String> given;

  Parameters(String detector, Map<String, String> given, List<String> valid) {
    this.detector = detector;
    this.given = given;
    for (String name : given.keySet()) {
      if (!valid.contains(name)) {
        throw new IllegalArgumentException(detector + " has no parameter '" + name + "'; valid: "
            + String.join(", ", valid));
      }
    }
  }

  double real(String name, double fallback) {
    String text = given.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(detector + " parameter " + name + " must be a number, got '" + text + "'");
    }
  }

  int integer(String name, int fallback) {
    String text = given.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(detector + " parameter " + name + " must be an integer, got '" + text
          + "'");
    }
  }

  boolean flag(String name, boolean fallback) {
    String text = given.get(name);
    if (text == null) {
      return fallback;
    }
    switch (text.trim()) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(detector + " parameter " + name + " must be true or false, got '" + text
            + "'");
    }
  }

  /** Throws unless {@code low < value < high}, naming the parameter. */
  static void requireOpen(String name, double value, double low, double high) {
    if (!(value > low && value < high)) {
      throw new IllegalArgumentException(name + " must be in (" + format(low) + ", " + format(high) + "), got " + value);
    }
  }

  /** Throws unless {@code value >= low}, naming the parameter. */
  static void requireAtLeast(String name, double value, double low) {
    if (!(value >= low) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number ≥ " + format(low) + ", got " + value);
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
