package io.vigil.drift;

/**
 * A drift method over categorical (and boolean) features, comparing category counts. Exact counts have
 * {@link CategoryDistribution#countError()} = 0; counts estimated by a frequent-items sketch carry a positive error
 * that the method must bound and account for.
 *
 * <p>Both distributions hold at least one observation; callers handle empty samples.
 */
public interface CategoricalMethod extends DriftMethod {

  DriftResult test(CategoryDistribution reference, CategoryDistribution current, double threshold);
}
