package io.vigil.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.notify.Notifier;
import io.vigil.server.notify.NotifierConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alerting part of {@code vigil.yaml}: {@code alerts} (rules), {@code notifiers} and {@code
 * evaluation_interval} (default 15s), checked as a whole at start-up. Every error names the file, the rule's
 * position and the key: {@code vigil.yaml: alerts[0].when: unknown metric 'acuracy'; known: ...}.
 *
 * <pre>{@code
 * AlertSettings settings = AlertSettings.of(VigilConfig.load(Path.of("vigil.yaml")));
 * settings.rules().get(0).condition();
 * }</pre>
 */
public record AlertSettings(List<AlertRule> rules, Map<String, Notifier> notifiers, Duration evaluationInterval) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  private static final Set<String> RULE_KEYS = Set.of("name", "model", "when", "window", "for", "severity", "notify",
      "summary", "min_samples", "repeat_interval");

  public AlertSettings {
    rules = List.copyOf(rules);
    notifiers = Map.copyOf(notifiers);
  }

  /** Reads and checks the alerting sections of {@code config}. */
  public static AlertSettings of(VigilConfig config) {
    String source = config.source();
    JsonNode interval = config.section("evaluation_interval");
    Duration every = interval.isMissingNode() || interval.isNull() ? DEFAULT_INTERVAL
        : VigilConfig.duration(interval, source + ": evaluation_interval");
    Map<String, Notifier> notifiers = NotifierConfig.parse(config.section("notifiers"), source, every);
    JsonNode alerts = config.section("alerts");
    List<AlertRule> rules = new ArrayList<>();
    if (!alerts.isMissingNode() && !alerts.isNull()) {
      if (!alerts.isArray()) {
        throw new ConfigException(source + ": alerts: expected a list of rules ({name, model, when, ...})");
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < alerts.size(); i++) {
        AlertRule rule = rule(alerts.get(i), source + ": alerts[" + i + "]", notifiers.keySet());
        if (!names.add(rule.name())) {
          throw new ConfigException(source + ": alerts[" + i + "].name: '" + rule.name() + "' is used by an earlier rule");
        }
        rules.add(rule);
      }
    }
    return new AlertSettings(rules, notifiers, every);
  }

  private static AlertRule rule(JsonNode n, String where, Set<String> notifiers) {
    if (!n.isObject()) {
      throw new ConfigException(where + ": expected {name, model, when, window, for, severity, notify}");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!RULE_KEYS.contains(key)) {
        throw new ConfigException(where + "." + key + ": unknown key; known: " + new TreeSet<>(RULE_KEYS));
      }
    }
    String name = required(n, "name", where);
    if (!name.matches("[A-Za-z0-9_.:-]+")) {
      throw new ConfigException(where + ".name: '" + name + "' may hold only letters, digits and _ . : -");
    }
    String model = n.has("model") ? required(n, "model", where) : "*";
    Condition condition;
    try {
      condition = Condition.parse(required(n, "when", where));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ".when: " + e.getMessage(), e);
    }
    Duration window = n.has("window") ? VigilConfig.duration(n.get("window"), where + ".window") : AlertRule.DEFAULT_WINDOW;
    if (window.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException(where + ".window: " + n.get("window").asText() + " is shorter than the one-minute"
          + " profiles it is computed from");
    }
    Duration holdFor = Duration.ZERO;
    if (n.has("for") && !(n.get("for").asText().equals("0") || n.get("for").asText().equals("0s"))) {
      holdFor = VigilConfig.duration(n.get("for"), where + ".for");
    }
    Severity severity;
    try {
      severity = n.has("severity") ? Severity.parse(n.get("severity").asText()) : Severity.WARNING;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ".severity: " + e.getMessage(), e);
    }
    List<String> notify = new ArrayList<>();
    JsonNode list = n.path("notify");
    if (list.isTextual()) {
      notify.add(list.asText());
    } else if (list.isArray()) {
      list.forEach(x -> notify.add(x.asText()));
    } else if (!list.isMissingNode()) {
      throw new ConfigException(where + ".notify: expected a list of notifier names");
    }
    for (int i = 0; i < notify.size(); i++) {
      if (!notifiers.contains(notify.get(i))) {
        throw new ConfigException(where + ".notify[" + i + "]: unknown notifier '" + notify.get(i) + "'; defined: "
            + (notifiers.isEmpty() ? "none (add a notifiers: section)" : new TreeSet<>(notifiers)));
      }
    }
    String summary = n.has("summary") ? n.get("summary").asText() : Summary.DEFAULT;
    try {
      Summary.check(summary);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ".summary: " + e.getMessage(), e);
    }
    long minSamples = AlertRule.DEFAULT_MIN_SAMPLES;
    if (n.has("min_samples")) {
      JsonNode m = n.get("min_samples");
      if (!m.canConvertToLong() || !m.isIntegralNumber() || m.asLong() < 1) {
        throw new ConfigException(where + ".min_samples: expected a whole number of at least 1, got '" + m.asText() + "'");
      }
      minSamples = m.asLong();
    }
    Duration repeat = n.has("repeat_interval")
        ? VigilConfig.duration(n.get("repeat_interval"), where + ".repeat_interval") : AlertRule.DEFAULT_REPEAT;
    return new AlertRule(name, model, condition, window, holdFor, severity, notify, summary, minSamples, repeat);
  }

  private static String required(JsonNode n, String key, String where) {
    JsonNode v = n.path(key);
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new ConfigException(where + "." + key + ": missing");
    }
    return v.asText();
  }
}
