package io.vigil.server.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Posts to a Slack incoming webhook: {@code text} (what notifications and clients without blocks show) and
 * {@code blocks}, a header and one section per alert of the group.
 *
 * <pre>{@code
 * notifiers:
 *   team: {type: slack, url: "https://hooks.slack.com/services/T000/B000/XXXX"}
 * }</pre>
 */
public final class SlackNotifier implements Notifier {

  private final String name;
  private final NotifierOptions options;
  private final URI url;
  private final HttpSender http;

  public SlackNotifier(String name, NotifierOptions options, URI url) {
    this.name = name;
    this.options = options;
    this.url = url;
    this.http = new HttpSender(options.timeout());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public NotifierOptions options() {
    return options;
  }

  @Override
  public void send(Notification n) throws Exception {
    http.post(url, payload(n), Map.of());
  }

  static Map<String, Object> payload(Notification n) {
    String mark = n.status().equals("firing") ? ":rotating_light:" : ":white_check_mark:";
    String title = mark + " [" + n.status().toUpperCase(java.util.Locale.ROOT) + "] " + n.rule() + " on "
        + n.model() + " (" + n.severity() + ")";
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + title + "*")));
    for (Notification.Alert a : n.alerts()) {
      String line = "*" + a.model() + "/" + a.version() + "*: " + a.summary() + "\n`" + a.condition()
          + "` value " + a.value() + ", since " + a.startsAt()
          + (a.endsAt() == null ? "" : ", resolved " + a.endsAt());
      blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", line)));
    }
    String text = title + ": " + n.alerts().get(0).summary()
        + (n.alerts().size() > 1 ? " (+" + (n.alerts().size() - 1) + " more)" : "");
    return Map.of("text", text, "blocks", blocks);
  }
}
