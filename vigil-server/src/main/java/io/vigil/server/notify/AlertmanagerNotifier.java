package io.vigil.server.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's v2 API ({@code POST <url>/api/v2/alerts}). Like Prometheus, Vigil sends each firing
 * alert again at every evaluation with {@code endsAt} a few evaluation intervals ahead, so Alertmanager keeps it
 * active while Vigil is alive and resolves it by itself if Vigil goes away; a resolution is sent with its real end
 * time. Grouping, repeats and silences in Alertmanager then work as for Prometheus's alerts. Labels: {@code
 * alertname} (the rule), {@code model}, {@code version}, {@code severity}; annotations: {@code summary}, {@code
 * value}, {@code threshold}, {@code condition}.
 *
 * <pre>{@code
 * notifiers:
 *   am: {type: alertmanager, url: "http://127.0.0.1:9093"}
 * }</pre>
 */
public final class AlertmanagerNotifier implements Notifier {

  private final String name;
  private final NotifierOptions options;
  private final URI alerts;
  private final Duration activeFor;
  private final HttpSender http;

  /** {@code activeFor}: how far ahead {@code endsAt} of a firing alert lies (Prometheus: 4 evaluation intervals). */
  public AlertmanagerNotifier(String name, NotifierOptions options, URI base, Duration activeFor) {
    this.name = name;
    this.options = options;
    String b = base.toString();
    this.alerts = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/api/v2/alerts");
    this.activeFor = activeFor;
    this.http = new HttpSender(options.timeout());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "alertmanager";
  }

  @Override
  public NotifierOptions options() {
    return options;
  }

  @Override
  public boolean resendsEveryEvaluation() {
    return true;
  }

  @Override
  public void send(Notification n) throws Exception {
    List<Object> body = new ArrayList<>();
    Instant now = Instant.now();
    for (Notification.Alert a : n.alerts()) {
      Map<String, Object> alert = new LinkedHashMap<>();
      alert.put("labels", Map.of("alertname", a.rule(), "model", a.model(), "version", a.version(),
          "severity", a.severity(), "source", "vigil"));
      alert.put("annotations", Map.of("summary", a.summary(), "value", String.valueOf(a.value()),
          "threshold", String.valueOf(a.threshold()), "condition", a.condition()));
      alert.put("startsAt", a.startsAt().toString());
      Instant ahead = now.isAfter(a.startsAt()) ? now.plus(activeFor) : a.startsAt().plus(activeFor);   // skewed clocks
      alert.put("endsAt", (a.endsAt() != null ? a.endsAt() : ahead).toString());
      body.add(alert);
    }
    http.post(alerts, body, Map.of());
  }
}
