package io.vigil.server.alert;

import java.time.Instant;

/**
 * One alert: a rule's condition on one model version, from the moment it held until it cleared. Immutable; every
 * change of state or value is a new record, stored in the history ({@link AlertStore}).
 *
 * <pre>{@code
 * AlertRecord firing = pending.fire(now);
 * AlertRecord done = firing.resolve(later);
 * }</pre>
 *
 * @param activeAt when the condition started to hold (the start of pending)
 * @param startsAt when it started firing; while pending, the same as {@code activeAt}
 * @param endsAt when it resolved; null before
 * @param lastNotifiedAt when its firing was last sent to the rule's notifiers; null while never (pending, or
 *     silenced all along): a resolution is announced only for an alert whose firing was
 */
public record AlertRecord(String id, String rule, String model, String version, Severity severity, AlertState state,
    double value, double threshold, Instant activeAt, Instant startsAt, Instant endsAt, String summary,
    Instant lastNotifiedAt) {

  public AlertRecord withValue(double newValue, String newSummary) {
    return new AlertRecord(id, rule, model, version, severity, state, newValue, threshold, activeAt, startsAt, endsAt,
        newSummary, lastNotifiedAt);
  }

  public AlertRecord fire(Instant now) {
    return new AlertRecord(id, rule, model, version, severity, AlertState.FIRING, value, threshold, activeAt, now,
        null, summary, lastNotifiedAt);
  }

  public AlertRecord resolve(Instant now) {
    return new AlertRecord(id, rule, model, version, severity, AlertState.RESOLVED, value, threshold, activeAt,
        startsAt, now, summary, lastNotifiedAt);
  }

  public AlertRecord notified(Instant now) {
    return new AlertRecord(id, rule, model, version, severity, state, value, threshold, activeAt, startsAt, endsAt,
        summary, now);
  }
}
