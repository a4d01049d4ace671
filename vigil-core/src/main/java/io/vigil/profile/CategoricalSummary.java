package io.vigil.profile;

import io.vigil.drift.CategoryDistribution;
import java.util.Objects;

/**
 * The immutable state of a {@link CategoricalProfile} at one moment.
 *
 * <pre>{@code
 * CategoricalSummary s = profile.snapshot();
 * s.distribution().proportion("DE");    // ± s.distribution().countError() / s.validCount() when sketched
 * }</pre>
 *
 * @param count every row seen
 * @param missing rows without a value
 * @param typeErrors rows whose value did not fit the type
 * @param distribution counts per category of the valid rows, exact or estimated (see
 *     {@link CategoryDistribution#countError()})
 */
public record CategoricalSummary(long count, long missing, long typeErrors, CategoryDistribution distribution) {

  public CategoricalSummary {
    Objects.requireNonNull(distribution, "distribution");
  }

  /** Rows holding a category: the distribution's total. */
  public long validCount() {
    return count - missing - typeErrors;
  }
}
