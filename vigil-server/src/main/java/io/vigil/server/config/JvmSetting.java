package io.vigil.server.config;

/**
 * A tuning knob passed as a system property ({@code VIGIL_JAVA_OPTS=-Dvigil.NAME=N}): a whole number within
 * bounds, or a usage error that names the property and the value.
 *
 * <pre>{@code
 * long ms = JvmSetting.wholeNumber("vigil.log-copy-ms", "milliseconds", 0, 60_000, 10);
 * }</pre>
 */
public final class JvmSetting {

  private JvmSetting() {}

  /**
   * The property's value, or {@code fallback} when it is unset.
   *
   * @throws IllegalArgumentException when it is set to anything but a whole number from {@code min} to {@code max}
   */
  public static long wholeNumber(String property, String unit, long min, long max, long fallback) {
    String set = System.getProperty(property);
    if (set == null) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(set.trim());
    } catch (NumberFormatException e) {
      value = min - 1;
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(property + " must be a whole number of " + unit + " from " + min + " to "
          + max + ", not '" + set + "'");
    }
    return value;
  }
}
