package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ClassificationProfile}: label replacement, edge cases, and the event-based calls the server uses. */
class ClassificationProfileTest {

  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void removeUndoesUpdateExactlySoAReplacedLabelLeavesNoTrace() {
    Random random = new Random(5);
    ClassificationProfile all = ClassificationProfile.multiclass(List.of("a", "b", "c"));
    ClassificationProfile kept = ClassificationProfile.multiclass(List.of("a", "b", "c"));
    List<Object[]> removed = new ArrayList<>();
    String[] classes = {"a", "b", "c"};
    for (int i = 0; i < 3000; i++) {
      double x = random.nextDouble();
      double y = random.nextDouble() * (1 - x);
      Map<String, Double> scores = random.nextInt(10) == 0 ? Map.of() : Map.of("a", x, "b", y, "c", 1 - x - y);
      String label = classes[random.nextInt(3)];
      String prediction = classes[random.nextInt(3)];
      all.update(label, prediction, scores);
      if (random.nextInt(4) == 0) {
        removed.add(new Object[] {label, prediction, scores});
      } else {
        kept.update(label, prediction, scores);
      }
    }
    for (Object[] r : removed) {
      @SuppressWarnings("unchecked")
      Map<String, Double> scores = (Map<String, Double>) r[2];
      all.remove((String) r[0], (String) r[1], scores);
      all.checkInvariants();
    }
    assertThat(PerformanceCodec.encode(all)).isEqualTo(PerformanceCodec.encode(kept));
    assertThat(all.result().logLoss()).isEqualTo(kept.result().logLoss());
  }

  @Test
  void removingARowThatWasNeverAddedThrowsAndChangesNothing() {
    ClassificationProfile p = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    p.update("fraud", "ok", Map.of("fraud", 0.3));
    byte[] before = PerformanceCodec.encode(p);
    assertThatThrownBy(() -> p.remove("ok", "ok", Map.of("fraud", 0.3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not added");
    assertThatThrownBy(() -> p.remove("fraud", "ok", Map.of("fraud", 0.9))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.remove("emu", "ok", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(PerformanceCodec.encode(p)).isEqualTo(before);
    p.remove("fraud", "ok", Map.of("fraud", 0.3));
    assertThat(p.labeled()).isZero();
    assertThat(p.result().accuracy().absentReason()).hasValue("no labeled rows");
  }

  @Test
  void aBinaryProfileRejectsAThirdClassBeforeChangingAnything() {
    ClassificationProfile p = ClassificationProfile.binary("1", List.of());
    p.update("0", "1", Map.of("1", 0.7));
    byte[] before = PerformanceCodec.encode(p);
    assertThatThrownBy(() -> p.update("2", "1", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two classes");
    assertThat(PerformanceCodec.encode(p)).isEqualTo(before);
  }

  @Test
  void newClassesAreAddedAsTheyAppearAndMergeAsAUnion() {
    ClassificationProfile early = ClassificationProfile.multiclass(List.of("cat"));
    early.update("cat", "cat", Map.of("cat", 0.8, "dog", 0.2));
    ClassificationProfile late = ClassificationProfile.multiclass(List.of());
    late.update("emu", "dog", Map.of("dog", 0.6, "emu", 0.4));
    ClassificationProfile both = early.copy().merge(late);
    assertThat(both.classes()).containsExactly("cat", "dog", "emu");
    ClassificationResult r = both.result();
    assertThat(r.confusion().count("emu", "dog")).isEqualTo(1);
    // Offline, on the same two rows with missing classes as probability 0.
    ClassificationResult offline = ClassificationMetrics.multiclass(new String[] {"cat", "emu"},
        new String[] {"cat", "dog"}, java.util.Optional.of(new ClassProbabilities(List.of("cat", "dog", "emu"),
            new double[][] {{0.8, 0.2, 0}, {0, 0.6, 0.4}})));
    assertThat(r.logLoss().value().getAsDouble()).isEqualTo(offline.logLoss().value().getAsDouble());
    assertThat(r.rocAuc().isPresent()).as("dog is never a label").isFalse();
  }

  @Test
  void edgeCasesGiveAbsentMetricsWithReasons() {
    ClassificationProfile p = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    assertThat(p.result().headline().values()).allMatch(v -> v.absentReason().isPresent());
    p.update("ok", "ok", Map.of("fraud", 0.2));
    p.update("ok", "fraud", Map.of("fraud", 0.7));
    ClassificationResult oneClass = p.result();
    assertThat(oneClass.rocAuc().absentReason()).hasValueSatisfying(s -> assertThat(s).contains("one class"));
    assertThat(oneClass.precision().value()).as("zero_division: no true positives").hasValue(0.0);
    assertThat(oneClass.logLoss().isPresent()).isTrue();
    ClassificationProfile unscored = ClassificationProfile.binary("fraud", List.of());
    Map<String, Double> nan = new HashMap<>();
    nan.put("fraud", Double.NaN);
    unscored.update("fraud", "fraud", nan);
    unscored.update("ok", "fraud", Map.of());
    assertThat(unscored.scored()).isZero();
    assertThat(unscored.result().accuracy().value()).hasValue(0.5);
    assertThat(unscored.result().rocAuc().absentReason()).hasValue("no labeled row carried scores");
    assertThatThrownBy(() -> unscored.update("ok", "ok", Map.of("fraud", 1.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores.fraud");
  }

  @Test
  void eventsUseScoresElseTheBinaryConfidenceOfThePrediction() {
    ClassificationProfile fromEvents = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    ClassificationProfile direct = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    PredictionEvent confident = PredictionEvent.builder("m").id("1").feature("x", 1.0).prediction("ok")
        .confidence(0.8).build(T);
    PredictionEvent scored = PredictionEvent.builder("m").id("2").feature("x", 1.0).prediction("fraud")
        .score("fraud", 0.9).score("ok", 0.1).build(T);
    fromEvents.update(confident, new LabelEvent("1", "m", "fraud", T));
    fromEvents.update(scored, new LabelEvent("2", "m", "fraud", T));
    direct.update("fraud", "ok", Map.of("fraud", 1 - 0.8));
    direct.update("fraud", "fraud", Map.of("fraud", 0.9));
    assertThat(PerformanceCodec.encode(fromEvents)).isEqualTo(PerformanceCodec.encode(direct));
    fromEvents.remove(confident, new LabelEvent("1", "m", "fraud", T));
    fromEvents.update(confident, new LabelEvent("1", "m", "ok", T));   // the corrected label
    assertThat(fromEvents.result().accuracy().value()).hasValue(1.0);
    PredictionEvent failed = PredictionEvent.builder("m").error("timeout").build(T);
    assertThatThrownBy(() -> fromEvents.update(failed, new LabelEvent("3", "m", "ok", T)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prediction");
  }

  @Test
  void aResultIsASnapshotThatLaterUpdatesLeaveAlone() {
    ClassificationProfile p = ClassificationProfile.binary("1", List.of());
    p.update("1", "1", Map.of("1", 0.9));
    p.update("0", "1", Map.of("1", 0.6));
    ClassificationResult before = p.result();
    String text = before.toString();
    p.update("0", "0", Map.of("1", 0.1));
    assertThat(before.toString()).isEqualTo(text);
    assertThat(p.result().accuracy()).isNotEqualTo(before.accuracy());
  }

  @Test
  void profilesOfDifferentTasksDoNotMerge() {
    assertThatThrownBy(() -> ClassificationProfile.binary("1", List.of())
        .merge(ClassificationProfile.multiclass(List.of()))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClassificationProfile.binary("1", List.of())
        .merge(ClassificationProfile.binary("0", List.of()))).isInstanceOf(IllegalArgumentException.class);
  }
}
