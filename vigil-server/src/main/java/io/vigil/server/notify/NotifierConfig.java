package io.vigil.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code notifiers:} section of {@code vigil.yaml} into {@link Notifier}s, checking every key: a
 * missing URL, an unknown type or key, a URL that is not absolute http(s) stops the server at start-up with a
 * message naming the key ({@code vigil.yaml: notifiers.oncall.url: ...}). Whether a receiver answers is only
 * known when it is sent something; failures then are retried, logged and counted.
 *
 * <pre>{@code
 * Map<String, Notifier> notifiers = NotifierConfig.parse(config.section("notifiers"), "vigil.yaml", Duration.ofSeconds(15));
 * }</pre>
 */
public final class NotifierConfig {

  private static final Set<String> COMMON = Set.of("type", "retries", "retry_backoff", "timeout");
  private static final Map<String, Set<String>> KEYS = Map.of(
      "log", Set.of(),
      "webhook", Set.of("url", "headers"),
      "slack", Set.of("url"),
      "pagerduty", Set.of("url", "routing_key"),
      "email", Set.of("smtp_host", "smtp_port", "starttls", "username", "password", "from", "to"),
      "alertmanager", Set.of("url"));

  private NotifierConfig() {}

  /** The notifiers by name, in file order; {@code evaluationInterval} sets Alertmanager's {@code endsAt}. */
  public static Map<String, Notifier> parse(JsonNode section, String source, Duration evaluationInterval) {
    Map<String, Notifier> out = new LinkedHashMap<>();
    if (section.isMissingNode() || section.isNull()) {
      return out;
    }
    if (!section.isObject()) {
      throw new ConfigException(source + ": notifiers: expected a mapping of notifier name to {type: ..., ...}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = source + ": notifiers." + e.getKey();
      out.put(e.getKey(), notifier(e.getKey(), e.getValue(), where, evaluationInterval));
    }
    return out;
  }

  private static Notifier notifier(String name, JsonNode n, String where, Duration evaluationInterval) {
    if (!n.isObject()) {
      throw new ConfigException(where + ": expected {type: log|webhook|slack|pagerduty|email|alertmanager, ...}");
    }
    String type = n.path("type").asText("");
    if (!KEYS.containsKey(type)) {
      throw new ConfigException(where + ".type: " + (type.isEmpty() ? "missing" : "unknown notifier type '" + type + "'")
          + "; valid: " + new TreeSet<>(KEYS.keySet()));
    }
    for (Iterator<String> keys = n.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!COMMON.contains(key) && !KEYS.get(type).contains(key)) {
        Set<String> valid = new TreeSet<>(COMMON);
        valid.addAll(KEYS.get(type));
        throw new ConfigException(where + "." + key + ": unknown key for a " + type + " notifier; valid: " + valid);
      }
    }
    NotifierOptions options = options(n, where);
    return switch (type) {
      case "log" -> new LogNotifier(name);
      case "webhook" -> new WebhookNotifier(name, options, url(n, "url", where), headers(n.path("headers"), where));
      case "slack" -> new SlackNotifier(name, options, url(n, "url", where));
      case "pagerduty" -> new PagerDutyNotifier(name, options,
          n.has("url") ? url(n, "url", where) : PagerDutyNotifier.DEFAULT_URL, text(n, "routing_key", where));
      case "alertmanager" -> new AlertmanagerNotifier(name, options, url(n, "url", where),
          evaluationInterval.multipliedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
              : evaluationInterval.multipliedBy(4));
      default -> new EmailNotifier(name, options, smtp(n, where));
    };
  }

  private static NotifierOptions options(JsonNode n, String where) {
    NotifierOptions d = NotifierOptions.DEFAULT;
    int retries = d.retries();
    if (n.has("retries")) {
      if (!n.get("retries").canConvertToInt() || n.get("retries").asInt() < 0 || n.get("retries").asInt() > 20) {
        throw new ConfigException(where + ".retries: expected a whole number from 0 to 20, got '"
            + n.get("retries").asText() + "'");
      }
      retries = n.get("retries").asInt();
    }
    Duration backoff = n.has("retry_backoff") ? VigilConfig.duration(n.get("retry_backoff"), where + ".retry_backoff")
        : d.retryBackoff();
    Duration timeout = n.has("timeout") ? VigilConfig.duration(n.get("timeout"), where + ".timeout") : d.timeout();
    return new NotifierOptions(retries, backoff, timeout);
  }

  private static EmailNotifier.Smtp smtp(JsonNode n, String where) {
    int port = 25;
    if (n.has("smtp_port")) {
      port = n.get("smtp_port").asInt(-1);
      if (port < 1 || port > 65535) {
        throw new ConfigException(where + ".smtp_port: '" + n.get("smtp_port").asText() + "' is not a port (1 to 65535)");
      }
    }
    List<String> to = new ArrayList<>();
    JsonNode t = n.path("to");
    if (t.isTextual()) {
      to.add(t.asText());
    } else if (t.isArray()) {
      t.forEach(x -> to.add(x.asText()));
    }
    if (to.isEmpty()) {
      throw new ConfigException(where + ".to: missing; expected one address or a list");
    }
    for (int i = 0; i < to.size(); i++) {
      address(to.get(i), where + ".to" + (t.isArray() ? "[" + i + "]" : ""));
    }
    String from = text(n, "from", where);
    address(from, where + ".from");
    if (n.has("password") && !n.has("username")) {
      throw new ConfigException(where + ".username: missing; a password needs a username");
    }
    return new EmailNotifier.Smtp(text(n, "smtp_host", where), port, n.path("starttls").asBoolean(false),
        n.has("username") ? n.get("username").asText() : null, n.has("password") ? n.get("password").asText() : null,
        from, to);
  }

  private static void address(String text, String where) {
    try {
      new jakarta.mail.internet.InternetAddress(text, true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new ConfigException(where + ": '" + text + "' is not an email address");
    }
  }

  private static String text(JsonNode n, String key, String where) {
    JsonNode v = n.path(key);
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new ConfigException(where + "." + key + ": missing");
    }
    return v.asText();
  }

  private static URI url(JsonNode n, String key, String where) {
    String text = text(n, key, where);
    try {
      URI u = new URI(text);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new ConfigException(where + "." + key + ": '" + text + "' is not an absolute http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigException(where + "." + key + ": '" + text + "' is not a URL: " + e.getReason());
    }
  }

  private static Map<String, String> headers(JsonNode node, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isObject()) {
      throw new ConfigException(where + ".headers: expected a mapping of header name to value");
    }
    node.fields().forEachRemaining(h -> out.put(h.getKey(), h.getValue().asText()));
    return out;
  }
}
