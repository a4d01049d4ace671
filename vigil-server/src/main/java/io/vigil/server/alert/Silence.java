package io.vigil.server.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Mutes notifications of the alerts it matches until {@code endsAt}; the alerts themselves still change state and
 * are kept in the history. Matchers compare exactly, on {@code rule}, {@code model}, {@code version} and {@code
 * severity}; all given must match.
 *
 * <pre>{@code
 * POST /api/v1/silences
 * {"matchers": {"rule": "high-errors", "model": "fraud"}, "ends_at": "2026-12-01T18:00:00Z", "comment": "deploy"}
 * }</pre>
 */
public record Silence(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment,
    Instant createdAt) {

  public static final Set<String> MATCHER_KEYS = Set.of("rule", "model", "version", "severity");

  public Silence {
    matchers = Map.copyOf(matchers);
  }

  /** Whether it is in force at {@code now}. */
  public boolean active(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  /** Whether it is in force at {@code now} and matches {@code alert}. */
  public boolean mutes(AlertRecord alert, Instant now) {
    if (!active(now)) {
      return false;
    }
    Map<String, String> values = Map.of("rule", alert.rule(), "model", alert.model(), "version", alert.version(),
        "severity", alert.severity().id());
    return matchers.entrySet().stream().allMatch(m -> m.getValue().equals(values.get(m.getKey())));
  }
}
