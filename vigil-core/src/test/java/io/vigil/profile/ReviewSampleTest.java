package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReviewSampleTest {

  static List<ReviewSample.Case> cases(Random random, int n) {
    List<ReviewSample.Case> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("amount", random.nextGaussian());
      f.put("country", random.nextBoolean() ? "DE" : null);
      out.add(new ReviewSample.Case("id-" + i, 1000L * i, Math.round(random.nextDouble() * 50) / 50.0, "yes", f));
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void mergingPartsInAnyOrderKeepsTheLowestOfTheWhole(long seed) {
    Random random = new Random(seed);
    List<ReviewSample.Case> all = cases(random, 500);   // many ties in confidence: order falls back to id
    List<ReviewSample.Case> expected = all.stream().sorted(ReviewSample.ORDER).limit(20).toList();
    ReviewSample merged = new ReviewSample(20);
    List<ReviewSample> parts = new ArrayList<>();
    for (int at = 0; at < all.size(); ) {
      int to = Math.min(all.size(), at + 1 + random.nextInt(120));
      ReviewSample part = new ReviewSample(20);
      all.subList(at, to).forEach(part::offer);
      parts.add(part);
      at = to;
    }
    java.util.Collections.shuffle(parts, random);
    parts.forEach(merged::merge);
    assertThat(merged.cases()).isEqualTo(expected);
    assertThat(merged.cases()).isSortedAccordingTo(Comparator.comparingDouble(ReviewSample.Case::confidence));
  }

  @Test
  void mergingTheSameCasesTwiceKeepsThemOnce() {
    ReviewSample a = new ReviewSample(5);
    cases(new Random(1), 3).forEach(a::offer);
    a.merge(a.copy()).merge(a);
    assertThat(a.cases()).hasSize(3);
  }

  @Test
  void longInputsAreTrimmedAndBadConfidencesIgnored() {
    ReviewSample s = new ReviewSample(3);
    Map<String, Object> many = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      many.put("f" + i, "x".repeat(1000));
    }
    s.offer(new ReviewSample.Case("a", 0, 0.5, "p".repeat(500), many));
    s.offer(new ReviewSample.Case("b", 0, Double.NaN, "p", Map.of()));
    ReviewSample.Case kept = s.cases().get(0);
    assertThat(s.cases()).hasSize(1);
    assertThat(kept.features()).hasSize(ReviewSample.MAX_FEATURES);
    assertThat((String) kept.features().get("f0")).hasSize(ReviewSample.MAX_TEXT);
    assertThat(kept.prediction()).hasSize(ReviewSample.MAX_TEXT);
    assertThat(s.wouldKeep(0.9)).isTrue();
    assertThatThrownBy(() -> new ReviewSample(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
