package io.vigil.performance;

/**
 * Precision, recall and F1 of one class, or their macro or weighted average, with scikit-learn's
 * {@code zero_division} default (a 0/0 ratio counts as 0).
 *
 * <pre>{@code
 * ClassMetrics fraud = result.perClass().get("fraud");
 * fraud.recall();    // share of true frauds the model caught
 * }</pre>
 *
 * @param support rows whose true class this is (for an average: all rows)
 */
public record ClassMetrics(double precision, double recall, double f1, long support) {}
