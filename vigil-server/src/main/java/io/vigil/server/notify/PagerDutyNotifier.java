package io.vigil.server.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PagerDuty Events API v2: one {@code trigger} event per firing alert and one {@code resolve} event per resolved
 * one, both with the dedup key {@code vigil/<rule>/<model>/<version>}, so PagerDuty folds repeats into one incident
 * and the resolution closes it.
 *
 * <pre>{@code
 * notifiers:
 *   pager: {type: pagerduty, routing_key: "R0UT1NGKEY"}   # url defaults to https://events.pagerduty.com/v2/enqueue
 * }</pre>
 */
public final class PagerDutyNotifier implements Notifier {

  public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");

  private final String name;
  private final NotifierOptions options;
  private final URI url;
  private final String routingKey;
  private final HttpSender http;

  public PagerDutyNotifier(String name, NotifierOptions options, URI url, String routingKey) {
    this.name = name;
    this.options = options;
    this.url = url;
    this.routingKey = routingKey;
    this.http = new HttpSender(options.timeout());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public NotifierOptions options() {
    return options;
  }

  @Override
  public void send(Notification n) throws Exception {
    for (Notification.Alert a : n.alerts()) {
      http.post(url, event(routingKey, n.status(), a), Map.of());
    }
  }

  static Map<String, Object> event(String routingKey, String status, Notification.Alert a) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("routing_key", routingKey);
    e.put("event_action", status.equals("firing") ? "trigger" : "resolve");
    e.put("dedup_key", a.dedupKey());
    if (status.equals("firing")) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("summary", a.summary().length() > 1024 ? a.summary().substring(0, 1024) : a.summary());
      payload.put("source", "vigil:" + a.model() + "/" + a.version());
      payload.put("severity", a.severity());   // info, warning and critical are PagerDuty severities too
      payload.put("timestamp", a.startsAt().toString());
      payload.put("component", a.model());
      payload.put("group", a.rule());
      payload.put("class", a.condition());
      payload.put("custom_details", Map.of("value", a.value(), "threshold", a.threshold(), "version", a.version(),
          "alert_id", a.id()));
      e.put("payload", payload);
    }
    return e;
  }
}
