package io.vigil.dataset;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.profile.CategoricalProfile;
import io.vigil.profile.NumericProfile;
import io.vigil.profile.ProfileCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a column's exact summary into the mergeable profile the server keeps ({@code vigil profile --sketch}),
 * and a saved profile back into a column whose distribution carries the sketch's error bound.
 *
 * <pre>{@code
 * byte[] bytes = ColumnSketches.numeric(column);          // a NumericProfile with REFERENCE options (k = 1600)
 * Column back = ColumnSketches.readNumeric(column.name(), column.type(), bytes);
 * back.numbers().get().rankError();                       // 0.0018 once the sketch has compacted
 * }</pre>
 */
final class ColumnSketches {

  private ColumnSketches() {}

  static byte[] numeric(Column c) {
    NumericProfile p = new NumericProfile(NumericProfile.Options.REFERENCE);
    c.numbers().ifPresent(e -> {
      for (int i = 0; i < e.size(); i++) {
        double x = e.values()[i];
        for (long w = (long) e.weight(i); w > 0; w--) {
          p.update(x);
        }
      }
    });
    for (long i = 0; i < c.missing(); i++) {
      p.updateMissing();
    }
    for (long i = 0; i < c.nonFinite(); i++) {
      p.update(Double.NaN);
    }
    for (long i = 0; i < c.typeErrors(); i++) {
      p.updateTypeError();
    }
    return ProfileCodec.encode(p);
  }

  static byte[] categorical(Column c) {
    CategoricalProfile p = new CategoricalProfile();
    c.categories().ifPresent(d -> {
      for (Map.Entry<String, Long> e : d.counts().entrySet()) {
        for (long i = 0; i < e.getValue(); i++) {
          p.update(e.getKey());
        }
      }
    });
    for (long i = 0; i < c.missing(); i++) {
      p.updateMissing();
    }
    for (long i = 0; i < c.typeErrors(); i++) {
      p.updateTypeError();
    }
    return ProfileCodec.encode(p);
  }

  static Column readNumeric(String name, Optional<io.vigil.schema.FeatureType> type, String note, byte[] bytes) {
    NumericProfile p = ProfileCodec.decodeNumeric(bytes);
    Optional<EmpiricalDistribution> numbers = p.finiteCount() > 0 ? Optional.of(p.distribution()) : Optional.empty();
    return new Column(name, type, p.count(), p.missing(), p.nonFinite(), p.typeErrors(), List.of(), numbers,
        Optional.empty(), note.isEmpty() ? Optional.empty() : Optional.of(note));
  }

  static Column readCategorical(String name, Optional<io.vigil.schema.FeatureType> type, String note, byte[] bytes) {
    CategoricalProfile p = ProfileCodec.decodeCategorical(bytes);
    Optional<CategoryDistribution> categories = p.validCount() > 0 ? Optional.of(p.distribution()) : Optional.empty();
    return new Column(name, type, p.count(), p.missing(), 0, p.typeErrors(), List.of(), Optional.empty(),
        categories, note.isEmpty() ? Optional.empty() : Optional.of(note));
  }
}
