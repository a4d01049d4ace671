package io.vigil.report;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.drift.AutoMethod;
import io.vigil.drift.DatasetDrift;
import io.vigil.drift.DatasetDriftResult;
import io.vigil.drift.CategoricalMethod;
import io.vigil.drift.DriftMethod;
import io.vigil.drift.DriftMethods;
import io.vigil.drift.DriftResult;
import io.vigil.drift.NumericMethod;
import io.vigil.schema.FeatureType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a current sample with its reference feature by feature and decides dataset drift (SPEC section 6).
 *
 * <pre>{@code
 * DriftReport r = DriftAnalysis.compare(reference, current, DriftOptions.defaults().withMethod("psi", none));
 * }</pre>
 *
 * <p>Method choice: with {@link DriftOptions#method()} set, every feature that method accepts uses it (with the
 * given threshold or the method's default); every other feature uses {@code auto}, which looks at the number of
 * reference rows. Features are tested in parallel (one task per feature); the tests themselves only read the
 * sorted distributions, so the reference is never re-sorted.
 */
public final class DriftAnalysis {

  private static final AutoMethod AUTO = new AutoMethod();

  private DriftAnalysis() {}

  /**
   * @throws IllegalArgumentException for an unknown method id or a threshold out of the method's range
   */
  public static DriftReport compare(Dataset reference, Dataset current, DriftOptions options) {
    Optional<DriftMethod> chosen = options.method().map(DriftMethods::byId)
        .filter(m -> !(m instanceof AutoMethod));
    if (chosen.isPresent() && options.threshold().isPresent()) {
      chosen.get().validateThreshold(options.threshold().getAsDouble());
    }
    List<String> onlyInReference = new ArrayList<>();
    List<Column[]> pairs = new ArrayList<>();
    for (Column r : reference.columns()) {
      Optional<Column> c = current.column(r.name());
      if (c.isPresent()) {
        pairs.add(new Column[] {r, c.get()});
      } else {
        onlyInReference.add(r.name());
      }
    }
    List<String> onlyInCurrent = current.columns().stream()
        .map(Column::name)
        .filter(n -> reference.column(n).isEmpty())
        .collect(Collectors.toList());
    List<FeatureDrift> features = pairs.parallelStream()
        .map(p -> testOne(p[0], p[1], reference.rows(), chosen, options))
        .collect(Collectors.toList());
    Map<String, DriftResult> tested = new LinkedHashMap<>();
    features.forEach(f -> f.result().ifPresent(r -> tested.put(f.name(), r)));
    DatasetDriftResult dataset = new DatasetDrift()
        .withDriftShare(options.driftShareThreshold())
        .withBenjaminiHochberg(options.benjaminiHochberg())
        .evaluate(tested);
    if (options.benjaminiHochberg()) {
      features = features.stream()
          .map(f -> f.result().isPresent() && f.result().get().pValue().isPresent()
              ? f.withAdjusted(dataset.features().get(f.name()).pValue().getAsDouble(),
                  dataset.features().get(f.name()).drifted())
              : f)
          .collect(Collectors.toList());
    }
    return new DriftReport(reference.source(), reference.rows(), current.source(), current.rows(), features,
        dataset.driftShare(), dataset.datasetDrift(), options, onlyInReference, onlyInCurrent);
  }

  private static FeatureDrift testOne(Column ref, Column cur, long referenceRows, Optional<DriftMethod> chosen,
      DriftOptions options) {
    if (ref.type().isEmpty()) {
      return FeatureDrift.skipped(ref, cur, "the reference has no values");
    }
    FeatureType type = ref.type().get();
    boolean useChosen = chosen.isPresent() && chosen.get().accepts(type);
    DriftMethod method = useChosen ? chosen.get() : AUTO.choose(type, referenceRows);
    double threshold = useChosen && options.threshold().isPresent()
        ? options.threshold().getAsDouble() : method.defaultThreshold();
    if (type == FeatureType.NUMERIC) {
      if (ref.numbers().isEmpty()) {
        return FeatureDrift.skipped(ref, cur, "the reference has " + ref.note().orElse("no finite values"));
      }
      if (cur.numbers().isEmpty()) {
        return FeatureDrift.skipped(ref, cur, "the current sample has " + cur.note().orElse("no finite values"));
      }
      DriftResult r = ((NumericMethod) method).test(ref.numbers().get(), cur.numbers().get(), threshold);
      return FeatureDrift.tested(ref, cur, r);
    }
    if (ref.categories().isEmpty()) {
      return FeatureDrift.skipped(ref, cur, "the reference has " + ref.note().orElse("no values"));
    }
    if (cur.categories().isEmpty() || cur.categories().get().total() == 0) {
      return FeatureDrift.skipped(ref, cur, "the current sample has " + cur.note().orElse("no values"));
    }
    DriftResult r = ((CategoricalMethod) method).test(ref.categories().get(), cur.categories().get(), threshold);
    return FeatureDrift.tested(ref, cur, r);
  }
}
