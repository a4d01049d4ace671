package io.vigil.performance;

/**
 * A metric estimated without labels, with its standard error: the spread of the realized value around the estimate
 * that the window's finite size alone causes, if the calibration is right.
 *
 * <pre>{@code
 * EstimatedMetric a = cbpe.estimate(window).accuracy();
 * a.value();                       // MetricValue 0.912
 * a.lower(); a.upper();            // the 95 % band, value ± 1.96·standardError, clipped to [0, 1]
 * }</pre>
 *
 * @param standardError 0 when {@code value} is absent
 */
public record EstimatedMetric(MetricValue value, double standardError) {

  /** The normal quantile of a two-sided 95 % band. */
  public static final double Z95 = 1.959963984540054;

  public EstimatedMetric {
    if (!(standardError >= 0) || Double.isInfinite(standardError)) {
      throw new IllegalArgumentException("a standard error is finite and ≥ 0, got " + standardError);
    }
  }

  static EstimatedMetric absent(String reason) {
    return new EstimatedMetric(MetricValue.absent(reason), 0);
  }

  static EstimatedMetric of(double value, double variance) {
    return new EstimatedMetric(MetricValue.of(value), Math.sqrt(Math.max(variance, 0)));
  }

  /** The band's lower end, absent with the value. */
  public MetricValue lower() {
    return value.isPresent() ? MetricValue.of(Math.max(0, value.value().getAsDouble() - Z95 * standardError)) : value;
  }

  /** The band's upper end, absent with the value. */
  public MetricValue upper() {
    return value.isPresent() ? MetricValue.of(Math.min(1, value.value().getAsDouble() + Z95 * standardError)) : value;
  }
}
