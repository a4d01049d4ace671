package io.vigil.server.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POSTs SPEC section 8's JSON to a URL: {@code {"status", "alert", "model", "version", "severity", "value",
 * "threshold", "starts_at", "ends_at", "summary"}}, describing the group's first alert, plus {@code "group_key"}
 * and {@code "alerts"}, every alert of the group in the same shape (one entry when one version is concerned, the
 * usual case).
 *
 * <pre>{@code
 * notifiers:
 *   oncall: {type: webhook, url: "http://127.0.0.1:9999/hook", headers: {Authorization: "Bearer s3cret"}}
 * }</pre>
 */
public final class WebhookNotifier implements Notifier {

  private final String name;
  private final NotifierOptions options;
  private final URI url;
  private final Map<String, String> headers;
  private final HttpSender http;

  public WebhookNotifier(String name, NotifierOptions options, URI url, Map<String, String> headers) {
    this.name = name;
    this.options = options;
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.http = new HttpSender(options.timeout());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public NotifierOptions options() {
    return options;
  }

  @Override
  public void send(Notification n) throws Exception {
    http.post(url, payload(n), headers);
  }

  /** The JSON body, as a map in field order. */
  static Map<String, Object> payload(Notification n) {
    Map<String, Object> body = fields(n.alerts().get(0), n.status());
    body.put("group_key", n.groupKey());
    List<Object> all = new ArrayList<>();
    n.alerts().forEach(a -> all.add(fields(a, n.status())));
    body.put("alerts", all);
    return body;
  }

  static Map<String, Object> fields(Notification.Alert a, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("alert", a.rule());
    m.put("model", a.model());
    m.put("version", a.version());
    m.put("severity", a.severity());
    m.put("value", a.value());
    m.put("threshold", a.threshold());
    m.put("starts_at", a.startsAt() == null ? null : a.startsAt().toString());
    m.put("ends_at", a.endsAt() == null ? null : a.endsAt().toString());
    m.put("summary", a.summary());
    m.put("id", a.id());
    m.put("condition", a.condition());
    return m;
  }
}
