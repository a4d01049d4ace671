package io.vigil.server.notify;

import java.time.Instant;
import java.util.List;

/** The notifications the notifier tests send. */
final class Notifications {

  static final Instant STARTS = Instant.parse("2026-11-30T10:00:00Z");
  static final Instant ENDS = Instant.parse("2026-11-30T10:07:30Z");

  private Notifications() {}

  static Notification.Alert alert(String status, String version) {
    return new Notification.Alert("a-" + version, status, "high-errors", "fraud", version, "critical", 0.125, 0.05,
        STARTS, status.equals("resolved") ? ENDS : null, "fraud/" + version + " fails 0.125 of requests",
        "error_rate > 0.05");
  }

  static Notification firing() {
    return new Notification("firing", "high-errors", "fraud", "critical", List.of(alert("firing", "v1")));
  }

  static Notification resolved() {
    return new Notification("resolved", "high-errors", "fraud", "critical", List.of(alert("resolved", "v1")));
  }

  static Notification firingTwoVersions() {
    return new Notification("firing", "high-errors", "fraud", "critical",
        List.of(alert("firing", "v1"), alert("firing", "v2")));
  }
}
