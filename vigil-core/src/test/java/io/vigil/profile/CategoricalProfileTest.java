package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.drift.CategoryDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CategoricalProfileTest {

  private static final CategoricalProfile.Options SMALL = new CategoricalProfile.Options(10, 16);

  @Test
  void countsCategoriesExactlyBelowTheCap() {
    CategoricalProfile p = profileOf(SMALL, "DE", "FR", "DE", null, "", "DE");
    p.updateTypeError();
    assertThat(p.count()).isEqualTo(7);
    assertThat(p.missing()).isEqualTo(2);
    assertThat(p.typeErrors()).isEqualTo(1);
    assertThat(p.validCount()).isEqualTo(4);
    CategoryDistribution d = p.distribution();
    assertThat(d.isExact()).isTrue();
    assertThat(d.counts()).containsExactly(Map.entry("DE", 3L), Map.entry("FR", 1L));
    assertThat(d.proportion("DE")).isEqualTo(0.75);
  }

  @Test
  void booleansAreTheCategoriesTrueAndFalse() {
    CategoricalProfile p = new CategoricalProfile();
    p.update(true);
    p.update(false);
    p.update(true);
    assertThat(p.distribution().counts()).containsExactly(Map.entry("true", 2L), Map.entry("false", 1L));
  }

  @Test
  void exceedingTheCapMovesTheCountsIntoTheSketch() {
    CategoricalProfile p = profileOf(new CategoricalProfile.Options(3, 8), "a", "b", "c", "a");
    assertThat(p.isSketched()).isFalse();
    p.update("d");
    assertThat(p.isSketched()).isTrue();
    assertThat(p.isExact()).as("no purge yet: the sketch still counts exactly").isTrue();
    assertThat(p.distribution().counts()).containsEntry("a", 2L).containsEntry("d", 1L);
    p.checkInvariants();
  }

  @Test
  void sketchedCountsAreLowerBoundsWithTheRestUnderOther() {
    List<Object> rows = CategoricalRows.random(new Random(1), 20_000);
    CategoricalProfile p = new CategoricalProfile(new CategoricalProfile.Options(20, 32));
    rows.forEach(row -> CategoricalRows.update(p, row));
    CategoryDistribution d = p.distribution();
    assertThat(p.isSketched()).isTrue();
    assertThat(p.countError()).isPositive();
    assertThat(d.countError()).isEqualTo(p.countError());
    assertThat(d.count(CategoryDistribution.OTHER)).isPositive();
    assertThat(d.total()).isEqualTo(p.validCount());
    CategoricalRows.assertDescribes(rows, p);
  }

  static Stream<Arguments> mergeCombinations() {
    // A counts k0…k(a−1), B counts k5…k(b+4), under a cap of 10 categories.
    return Stream.of(
        Arguments.of("both exact, union under the cap", 4, 5, false),
        Arguments.of("both exact, union over the cap", 8, 9, true),
        Arguments.of("exact into sketched", 4, 60, true),
        Arguments.of("sketched into exact", 60, 4, true),
        Arguments.of("both sketched", 60, 200, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mergeCombinations")
  void mergeWorksInEveryCombination(String name, int categoriesA, int categoriesB, boolean sketched) {
    List<Object> rowsA = rowsOver(categoriesA, 0, 3_000, new Random(categoriesA));
    List<Object> rowsB = rowsOver(categoriesB, 5, 2_000, new Random(categoriesB));
    List<Object> all = new ArrayList<>(rowsA);
    all.addAll(rowsB);
    for (boolean aFirst : new boolean[] {true, false}) {
      CategoricalProfile a = new CategoricalProfile(SMALL);
      CategoricalProfile b = new CategoricalProfile(SMALL);
      rowsA.forEach(row -> CategoricalRows.update(a, row));
      rowsB.forEach(row -> CategoricalRows.update(b, row));
      CategoricalProfile merged = aFirst ? a.merge(b) : b.merge(a);
      merged.checkInvariants();
      assertThat(merged.isSketched()).isEqualTo(sketched);
      CategoricalRows.assertDescribes(all, merged);
    }
  }

  @Test
  void mergeTakesTheSmallerCapAndMapSize() {
    CategoricalProfile wide = profileOf(new CategoricalProfile.Options(100, 256), "a", "b", "c");
    CategoricalProfile narrow = profileOf(new CategoricalProfile.Options(2, 8), "a");
    assertThat(wide.copy().merge(narrow).options()).isEqualTo(new CategoricalProfile.Options(2, 8));
    assertThat(narrow.copy().merge(wide).options()).isEqualTo(new CategoricalProfile.Options(2, 8));
    assertThat(wide.merge(narrow).isSketched()).isTrue();
  }

  @Test
  void loneSurrogatesBecomeWhatUtf8CanCarry() {
    CategoricalProfile p = profileOf(SMALL, "bad\uD800", "ok\uD83D\uDE80");
    assertThat(p.distribution().counts()).containsOnlyKeys("bad?", "ok\uD83D\uDE80");
    CategoricalProfile restored = ProfileCodec.decodeCategorical(ProfileCodec.encode(p));
    assertThat(restored.distribution().counts()).isEqualTo(p.distribution().counts());
  }

  @Test
  void snapshotIsUnchangedByLaterUpdates() {
    CategoricalProfile p = profileOf(SMALL, "x", "y", "x");
    CategoricalSummary before = p.snapshot();
    Map<String, Long> counts = Map.copyOf(before.distribution().counts());
    p.update("z");
    p.updateMissing();
    rowsOver(50, 0, 500, new Random(3)).forEach(row -> CategoricalRows.update(p, row));
    assertThat(before.count()).isEqualTo(3);
    assertThat(before.validCount()).isEqualTo(3);
    assertThat(before.distribution().counts()).isEqualTo(counts);
    assertThatThrownBy(() -> before.distribution().counts().put("w", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsOptionsOutsideTheirRange() {
    assertThatThrownBy(() -> new CategoricalProfile.Options(0, 16)).hasMessageContaining("max exact categories 0");
    assertThatThrownBy(() -> new CategoricalProfile.Options(10, 24)).hasMessageContaining("sketch map size 24");
    assertThatThrownBy(() -> new CategoricalProfile.Options(10, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Skewed rows over the categories k{first} … k{first + categories − 1}, every one of them present. */
  private static List<Object> rowsOver(int categories, int first, int n, Random random) {
    List<Object> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int c = i < categories ? i : (int) Math.floor(categories * Math.pow(random.nextDouble(), 2));
      rows.add("k" + (first + c));
    }
    return rows;
  }

  private static CategoricalProfile profileOf(CategoricalProfile.Options options, String... rows) {
    CategoricalProfile p = new CategoricalProfile(options);
    for (String row : rows) {
      p.update(row);
    }
    p.checkInvariants();
    return p;
  }
}
