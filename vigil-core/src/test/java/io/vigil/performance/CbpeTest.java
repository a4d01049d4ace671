package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Cbpe} on synthetic data whose truth is drawn from a known probability: estimates against the realized
 * metrics of the same windows (computed offline by {@link ClassificationMetrics}), all seeded.
 */
class CbpeTest {

  private static final int WINDOW = 5000;
  private static final DoubleUnaryOperator CALIBRATED = s -> s;
  /** A model that is under-confident and biased: the true probability is much more extreme than the score. */
  private static final DoubleUnaryOperator MISCALIBRATED = s -> sigmoid(2.5 * logit(s) + 0.8);

  record Window(EstimationProfile profile, ClassificationResult realized) {}

  @Test
  void calibratedScoresEstimateTheRealizedAccuracyWithin003() {
    Random random = new Random(20261201);
    for (int w = 0; w < 8; w++) {
      Window window = window(random, -1 + w * 0.3, 0.8 + 0.3 * w, CALIBRATED, 0.3 + 0.05 * w);
      EstimationResult e = Cbpe.uncalibrated().estimate(window.profile);
      assertWithinBand(e, window.realized, "window " + w);
    }
  }

  @Test
  void aLabeledReferenceCalibratesAMiscalibratedModelToWithin003() {
    Random random = new Random(7);
    ClassificationProfile reference = ClassificationProfile.binary("1", List.of("0", "1"));
    for (int i = 0; i < 20_000; i++) {
      double s = sigmoid(random.nextGaussian() * 1.8);
      boolean y = random.nextDouble() < MISCALIBRATED.applyAsDouble(s);
      reference.update(y ? "1" : "0", s >= 0.5 ? "1" : "0", Map.of("1", s));
    }
    Cbpe cbpe = Cbpe.fit(PerformanceCodec.decodeClassification(PerformanceCodec.encode(reference)));
    assertThat(cbpe.isCalibrated()).isTrue();
    for (int w = 0; w < 6; w++) {
      Window window = window(random, -0.8 + w * 0.3, 1.2, MISCALIBRATED, 0.5);
      double realized = window.realized.accuracy().value().getAsDouble();
      double raw = Cbpe.uncalibrated().estimate(window.profile).accuracy().value().value().getAsDouble();
      assertThat(Math.abs(raw - realized)).as("window %d: the test needs a model the raw scores misjudge", w)
          .isGreaterThan(0.08);
      assertWithinBand(cbpe.estimate(window.profile), window.realized, "calibrated window " + w);
    }
  }

  @Test
  void theBandCoversTheRealizedAccuracyAbout95PercentOfTheTime() {
    Random random = new Random(95);
    int windows = 400;
    int covered = 0;
    for (int w = 0; w < windows; w++) {
      Window window = window(random, random.nextGaussian(), 1 + random.nextDouble(), CALIBRATED, 0.5, 500);
      EstimatedMetric a = Cbpe.uncalibrated().estimate(window.profile).accuracy();
      double realized = window.realized.accuracy().value().getAsDouble();
      if (realized >= a.lower().value().getAsDouble() && realized <= a.upper().value().getAsDouble()) {
        covered++;
      }
    }
    // 95 % ± 2.3 binomial standard errors of 400 windows.
    assertThat((double) covered / windows).isBetween(0.925, 0.975);
  }

  @Test
  void multiclassCalibratedScoresEstimateAccuracyWithin003() {
    Random random = new Random(3);
    List<String> classes = List.of("cat", "dog", "emu", "fox");
    for (int w = 0; w < 4; w++) {
      EstimationProfile profile = EstimationProfile.multiclass();
      String[] labels = new String[WINDOW];
      String[] predictions = new String[WINDOW];
      double[][] probabilities = new double[WINDOW][];
      long correct = 0;
      double concentration = 0.3 + 0.4 * w;
      for (int i = 0; i < WINDOW; i++) {
        Map<String, Double> scores = dirichlet(random, classes, concentration);
        String top = scores.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        double u = random.nextDouble();
        String label = classes.get(classes.size() - 1);
        for (String c : classes) {
          u -= scores.get(c);
          if (u < 0) {
            label = c;
            break;
          }
        }
        correct += label.equals(top) ? 1 : 0;
        labels[i] = label;
        predictions[i] = top;
        probabilities[i] = classes.stream().mapToDouble(scores::get).toArray();
        profile.update(top, scores);
      }
      EstimationResult e = Cbpe.uncalibrated().estimate(profile);
      double realized = (double) correct / WINDOW;
      assertThat(Math.abs(e.accuracy().value().value().getAsDouble() - realized)).as("window %d", w)
          .isLessThanOrEqualTo(0.03);
      ClassificationResult real = ClassificationMetrics.multiclass(labels, predictions,
          Optional.of(new ClassProbabilities(classes, probabilities)));
      for (String key : List.of("precision", "recall", "f1", "roc_auc")) {
        EstimatedMetric m = e.headline().get(key);
        assertThat(Math.abs(m.value().value().getAsDouble() - real.headline().get(key).value().getAsDouble()))
            .as("window %d macro %s ± %s", w, key, m.standardError())
            .isLessThanOrEqualTo(4 * m.standardError() + (key.equals("roc_auc") ? e.rocAucError() : 0));
      }
    }
  }

  @Test
  void windowsWithoutScoresOrPredictionsHaveAbsentEstimates() {
    EstimationProfile empty = EstimationProfile.binary("1");
    assertThat(Cbpe.uncalibrated().estimate(empty).accuracy().value().absentReason()).hasValue("no predictions");
    empty.update("1", Map.of());
    EstimationResult e = Cbpe.uncalibrated().estimate(empty);
    assertThat(e.headline().values()).allMatch(m -> m.value().absentReason().isPresent() && m.standardError() == 0);
    assertThat(e.predictions()).isEqualTo(1);
    ClassificationProfile unlabeled = ClassificationProfile.binary("1", List.of());
    assertThat(Cbpe.fit(unlabeled).isCalibrated()).as("a reference without labels").isFalse();
  }

  /** One window of {@code rows} predictions whose scores' logits are normal(μ, σ), truth drawn from the model. */
  static Window window(Random random, double mu, double sigma, DoubleUnaryOperator truth, double threshold,
      int rows) {
    List<EstimationProfile> minutes = new ArrayList<>();
    String[] labels = new String[rows];
    String[] predictions = new String[rows];
    double[] scores = new double[rows];
    for (int i = 0; i < rows; i++) {
      if (i % 100 == 0) {
        minutes.add(EstimationProfile.binary("1"));
      }
      double s = sigmoid(mu + sigma * random.nextGaussian());
      labels[i] = random.nextDouble() < truth.applyAsDouble(s) ? "1" : "0";
      predictions[i] = s >= threshold ? "1" : "0";
      scores[i] = s;
      minutes.get(minutes.size() - 1).update(predictions[i], Map.of("1", s));
    }
    EstimationProfile merged = EstimationProfile.binary("1");
    minutes.forEach(m -> merged.merge(PerformanceCodec.decodeEstimation(PerformanceCodec.encode(m))));
    return new Window(merged, ClassificationMetrics.binary(labels, predictions, "1", Optional.of(scores)));
  }

  static Window window(Random random, double mu, double sigma, DoubleUnaryOperator truth, double threshold) {
    return window(random, mu, sigma, truth, threshold, WINDOW);
  }

  /** Accuracy within 0.03 (the target); every metric within 4 of its standard errors (plus binning). */
  private static void assertWithinBand(EstimationResult e, ClassificationResult realized, String name) {
    double accuracy = realized.accuracy().value().getAsDouble();
    assertThat(Math.abs(e.accuracy().value().value().getAsDouble() - accuracy)).as(name + " accuracy")
        .isLessThanOrEqualTo(0.03);
    Map<String, MetricValue> real = realized.headline();
    e.headline().forEach((key, estimate) -> {
      double r = real.get(key).value().getAsDouble();
      double tolerance = 4 * estimate.standardError() + (key.equals("roc_auc") ? e.rocAucError() : 0) + 1e-9;
      assertThat(Math.abs(estimate.value().value().getAsDouble() - r)).as("%s %s: estimated %s ± %s, realized %s",
          name, key, estimate.value(), estimate.standardError(), r).isLessThanOrEqualTo(tolerance);
    });
  }

  private static Map<String, Double> dirichlet(Random random, List<String> classes, double concentration) {
    double[] g = new double[classes.size()];
    double total = 0;
    for (int j = 0; j < g.length; j++) {
      // Gamma(shape < 1) by Ahrens–Dieter's boost: Gamma(a) = Gamma(a + 1)·U^(1/a); Gamma(a + 1) by Marsaglia–Tsang.
      double a = concentration + 1;
      double d = a - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      double x;
      double v;
      do {
        do {
          x = random.nextGaussian();
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
      } while (Math.log(random.nextDouble()) >= 0.5 * x * x + d - d * v + d * Math.log(v));
      g[j] = d * v * Math.pow(random.nextDouble(), 1 / concentration);
      total += g[j];
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int j = 0; j < g.length; j++) {
      scores.put(classes.get(j), g[j] / total);
    }
    return scores;
  }

  private static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }

  private static double logit(double s) {
    return Math.log(s / (1 - s));
  }
}
