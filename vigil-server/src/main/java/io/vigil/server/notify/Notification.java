package io.vigil.server.notify;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link Notifier} is asked to deliver: alerts of one rule and one model that changed to the same status in
 * the same evaluation (several versions of a model firing at once make one notification, not one each).
 *
 * <pre>{@code
 * Notification n = new Notification("firing", "high-errors", "fraud", "critical", List.of(alert));
 * }</pre>
 *
 * @param status {@code firing} or {@code resolved}
 */
public record Notification(String status, String rule, String model, String severity, List<Alert> alerts) {

  public Notification {
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a notification needs at least one alert");
    }
    alerts = List.copyOf(alerts);
  }

  /** The group's identity, the same for its firing and its resolution. */
  public String groupKey() {
    return rule + "/" + model;
  }

  /**
   * One alert as SPEC section 8 describes it.
   *
   * @param id the alert's id in the history ({@code GET /api/v1/alerts})
   * @param endsAt null while firing
   * @param condition the rule's condition, e.g. {@code error_rate > 0.05}
   */
  public record Alert(String id, String status, String rule, String model, String version, String severity,
      double value, double threshold, Instant startsAt, Instant endsAt, String summary, String condition) {

    /** A key that names this alert across firing and resolution (PagerDuty's dedup key). */
    public String dedupKey() {
      return "vigil/" + rule + "/" + model + "/" + version;
    }
  }
}
