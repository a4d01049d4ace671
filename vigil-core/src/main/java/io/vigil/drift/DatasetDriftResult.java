package io.vigil.drift;

import java.util.Map;

/**
 * The outcome of {@link DatasetDrift#evaluate}: per-feature results (with corrected p-values when the
 * Benjamini–Hochberg correction was on) and the dataset-level decision of SPEC section 6.
 *
 * <pre>{@code
 * DatasetDriftResult r = new DatasetDrift().evaluate(results);
 * System.out.printf("%d of %d features drifted%n", r.drifted(), r.tested());
 * }</pre>
 *
 * @param features per-feature results by name, in the order given (unmodifiable)
 * @param tested how many features were tested
 * @param drifted how many of them drifted
 * @param driftShare {@code drifted / tested}, 0 when nothing was tested
 * @param datasetDrift whether {@code driftShare} reached the configured share
 */
public record DatasetDriftResult(
    Map<String, DriftResult> features,
    int tested,
    int drifted,
    double driftShare,
    boolean datasetDrift) {}
