package io.vigil.server.alert;

import java.time.Instant;
import java.util.List;

/**
 * A rule with its latest evaluation, as {@code GET /api/v1/alert-rules} shows it.
 *
 * @param state {@code firing} or {@code pending} when any of its alerts is, {@code no data} when no instance had
 *     data (or there is no instance yet), else {@code inactive}
 * @param lastEvaluated null before the first evaluation
 */
public record RuleStatus(String name, String model, String when, String window, String forDuration, String severity,
    List<String> notifiers, long minSamples, String state, Instant lastEvaluated, List<Evaluation> evaluations) {

  public RuleStatus {
    notifiers = List.copyOf(notifiers);
    evaluations = List.copyOf(evaluations);
  }

  /**
   * One model version's evaluation.
   *
   * @param value null with no data
   * @param state {@code inactive}, {@code pending} or {@code firing} (no data keeps the state it had)
   * @param noData why there was no value, or null
   */
  public record Evaluation(String model, String version, Double value, long samples, String state, String noData) {}
}
