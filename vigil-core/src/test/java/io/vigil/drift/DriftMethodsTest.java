package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schema.FeatureType;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMethodsTest {

  @Test
  void registryListsEverySpecIdOnce() {
    assertThat(DriftMethods.ids()).containsExactly("ks", "wasserstein", "psi", "jensenshannon", "chisquare",
        "ztest", "cramer_von_mises", "energy", "kl_div", "hellinger", "auto");
    for (String id : DriftMethods.ids()) {
      assertThat(DriftMethods.byId(id).id()).isEqualTo(id);
    }
  }

  @Test
  void unknownIdIsRejectedListingTheValidOnes() {
    assertThatThrownBy(() -> DriftMethods.byId("kolmogorov"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'kolmogorov'")
        .hasMessageContaining("ks, wasserstein, psi");
  }

  @Test
  void descriptorsMatchTheSpec() {
    for (DriftMethod m : DriftMethods.all()) {
      if (m instanceof AutoMethod) {
        continue;
      }
      boolean test = m.direction() == Direction.P_VALUE_BELOW;
      assertThat(m.defaultThreshold()).as(m.id()).isEqualTo(test ? 0.05 : 0.1);
      assertThat(m instanceof NumericMethod).as(m.id()).isEqualTo(m.accepts(FeatureType.NUMERIC));
      assertThat(m instanceof CategoricalMethod).as(m.id())
          .isEqualTo(m.accepts(FeatureType.CATEGORICAL) || m.accepts(FeatureType.BOOLEAN));
    }
    assertThat(DriftMethods.byId("ztest").accepts(FeatureType.CATEGORICAL)).isFalse();
    assertThat(DriftMethods.byId("ztest").accepts(FeatureType.BOOLEAN)).isTrue();
  }

  @Test
  void autoChoosesTestsForSmallReferencesAndDistancesForLargeOnes() {
    AutoMethod auto = new AutoMethod();
    assertThat(auto.choose(FeatureType.NUMERIC, 1000).id()).isEqualTo("ks");
    assertThat(auto.choose(FeatureType.NUMERIC, 1001).id()).isEqualTo("wasserstein");
    assertThat(auto.choose(FeatureType.CATEGORICAL, 1000).id()).isEqualTo("chisquare");
    assertThat(auto.choose(FeatureType.CATEGORICAL, 1001).id()).isEqualTo("jensenshannon");
    assertThat(auto.choose(FeatureType.BOOLEAN, 10).id()).isEqualTo("chisquare");
    assertThat(auto.choose(FeatureType.BOOLEAN, 10_000).id()).isEqualTo("jensenshannon");
    assertThat(auto.threshold(auto.choose(FeatureType.NUMERIC, 10))).isEqualTo(AutoMethod.P_VALUE_THRESHOLD);
    assertThat(auto.threshold(auto.choose(FeatureType.NUMERIC, 10_000))).isEqualTo(AutoMethod.DISTANCE_THRESHOLD);
  }

  @Test
  void autoResultsNameTheChosenMethod() {
    Random random = new Random(5);
    double[] small = new double[200];
    double[] large = new double[5000];
    for (int i = 0; i < small.length; i++) {
      small[i] = random.nextGaussian();
    }
    for (int i = 0; i < large.length; i++) {
      large[i] = random.nextGaussian();
    }
    AutoMethod auto = new AutoMethod();
    EmpiricalDistribution cur = EmpiricalDistribution.of(small);
    assertThat(auto.test(EmpiricalDistribution.of(small), cur).method()).isEqualTo("ks");
    DriftResult r = auto.test(EmpiricalDistribution.of(large), cur);
    assertThat(r.method()).isEqualTo("wasserstein");
    assertThat(r.threshold()).isEqualTo(0.1);
    CategoryDistribution counts = CategoryDistribution.exact(Map.of("a", 600L, "b", 400L));
    assertThat(auto.test(counts, counts).method()).isEqualTo("chisquare");
  }

  @Test
  void autoHasNoThresholdOfItsOwn() {
    assertThatThrownBy(() -> new AutoMethod().defaultThreshold())
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("choose");
  }

  @Test
  void thresholdsOutOfRangeAreRejected() {
    CategoryDistribution counts = CategoryDistribution.exact(Map.of("a", 1L));
    assertThatThrownBy(() -> new ChiSquare().test(counts, counts, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new PopulationStability().test(counts, counts, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("psi");
  }

  @Test
  void zTestRejectsNonBooleanCategories() {
    CategoryDistribution colours = CategoryDistribution.exact(Map.of("red", 3L, "true", 1L));
    assertThatThrownBy(() -> new ZTest().test(colours, colours, 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'red'");
  }
}
