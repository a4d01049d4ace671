package io.vigil.dataset;

import io.vigil.profile.CategoricalProfile;
import io.vigil.profile.NumericProfile;
import io.vigil.schema.FeatureType;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Column} seen through a mergeable profile (the server's minute buckets, a sketched reference): the same
 * shape the offline readers produce, so {@link io.vigil.report.DriftAnalysis} runs unchanged, with the profile's
 * error bound carried in the distribution.
 *
 * <pre>{@code
 * Column amount = ProfileColumns.numeric("amount", window.feature("amount"));
 * }</pre>
 */
public final class ProfileColumns {

  private ProfileColumns() {}

  public static Column numeric(String name, NumericProfile p) {
    return new Column(name, Optional.of(FeatureType.NUMERIC), p.count(), p.missing(), p.nonFinite(), p.typeErrors(),
        List.of(), p.finiteCount() > 0 ? Optional.of(p.distribution()) : Optional.empty(), Optional.empty(),
        p.finiteCount() > 0 ? Optional.empty() : Optional.of("no finite values"));
  }

  public static Column categorical(String name, FeatureType type, CategoricalProfile p) {
    return new Column(name, Optional.of(type), p.count(), p.missing(), 0, p.typeErrors(), List.of(),
        Optional.empty(), p.validCount() > 0 ? Optional.of(p.distribution()) : Optional.empty(),
        p.validCount() > 0 ? Optional.empty() : Optional.of("no values"));
  }
}
