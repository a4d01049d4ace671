package io.vigil.performance;

/**
 * One of the 10 equal-width score bins behind the expected calibration error and the reliability diagram.
 *
 * <pre>{@code
 * for (CalibrationBin b : result.calibration()) {
 *   if (b.count() > 0) plot(b.meanScore(), b.fractionPositive());
 * }
 * }</pre>
 *
 * @param lower the bin's lower edge, {@code index·(1 + 1e-8)/10} as {@code numpy.linspace(0, 1 + 1e-8, 11)}
 * @param upper the bin's upper edge (a score equal to an inner edge falls in the bin below it)
 * @param count rows whose score fell in the bin
 * @param meanScore mean score of those rows (NaN when {@code count} is 0)
 * @param fractionPositive share of those rows whose outcome was positive (NaN when {@code count} is 0)
 */
public record CalibrationBin(double lower, double upper, long count, double meanScore, double fractionPositive) {}
