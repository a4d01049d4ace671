package io.vigil.profile;

import io.vigil.drift.EmpiricalDistribution;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable state of a {@link NumericProfile} at one moment: what crosses from the accumulating thread to drift
 * methods, reports and the API.
 *
 * <pre>{@code
 * NumericSummary s = profile.snapshot();
 * double missingShare = (double) s.missing() / s.count();
 * s.distribution().ifPresent(d -> System.out.println(d.quantile(0.99) + " ± rank " + d.rankError()));
 * }</pre>
 *
 * @param count every row seen
 * @param missing rows without a value
 * @param nonFinite rows holding NaN or ±∞
 * @param typeErrors rows whose value was not a number
 * @param moments mean, variance, min and max of the finite values
 * @param distribution the finite values' distribution, absent when there were none (exact or sketched, see
 *     {@link EmpiricalDistribution#rankError()})
 */
public record NumericSummary(long count, long missing, long nonFinite, long typeErrors, MomentsSummary moments,
    Optional<EmpiricalDistribution> distribution) {

  public NumericSummary {
    Objects.requireNonNull(moments, "moments");
    Objects.requireNonNull(distribution, "distribution");
  }

  /** Rows with a finite value. */
  public long finiteCount() {
    return moments.count();
  }

  /** The distribution's bound on |cdf(x) − F(x)|: 0 when exact or absent. */
  public double rankError() {
    return distribution.map(EmpiricalDistribution::rankError).orElse(0.0);
  }
}
