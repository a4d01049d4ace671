package io.vigil.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.server.api.ModelRoutes;
import io.vigil.server.registry.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil.yaml} (SPEC section 8): models, retention, and the sections other parts of the server read for
 * themselves ({@code alerts}, {@code notifiers}, {@code evaluation_interval}, {@code auth}) through {@link
 * #section}. Every error names the file and the key, e.g. {@code vigil.yaml: models.fraud.features[1].type:
 * unknown feature type 'num'}.
 *
 * <pre>{@code
 * models:
 *   fraud: {task: binary_classification, classes: [ok, fraud], positive_class: fraud,
 *           features: [{name: amount, type: numeric}, {name: country, type: categorical}]}
 * retention: {events: 7d, profiles: 400d, minute_profiles: 3d, label_wait: 24h}
 * }</pre>
 */
public final class VigilConfig {

  /** Top-level keys the server understands; anything else is a typo worth stopping for. */
  public static final Set<String> SECTIONS = Set.of("models", "retention", "alerts", "notifiers",
      "evaluation_interval", "auth", "server", "redaction");

  /** No file: every default. */
  public static final VigilConfig DEFAULTS = new VigilConfig("defaults", MissingNode.getInstance(), List.of(),
      Retention.DEFAULT);

  /** YAML 1.2 words: {@code yes}, {@code no}, {@code on}, {@code off} stay strings (class labels like [no, yes]). */
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build());
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  /**
   * How long data is kept (SPEC section 9). Raw events serve label joins, review and reference-from-window;
   * minute profiles serve fine-grained charts; hour and day roll-ups serve everything older.
   */
  public record Retention(Duration events, Duration profiles, Duration minuteProfiles, Duration labelWait) {
    public static final Retention DEFAULT = new Retention(Duration.ofDays(7), Duration.ofDays(400), Duration.ofDays(3),
        Duration.ofHours(24));

    public Retention(Duration events, Duration profiles, Duration minuteProfiles) {
      this(events, profiles, minuteProfiles, DEFAULT.labelWait());
    }
  }

  private final String source;
  private final JsonNode root;
  private final List<ModelInfo> models;
  private final Retention retention;

  private VigilConfig(String source, JsonNode root, List<ModelInfo> models, Retention retention) {
    this.source = source;
    this.root = root;
    this.models = models;
    this.retention = retention;
  }

  /** Reads and checks a file. */
  public static VigilConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Reads and checks YAML text; {@code source} names it in messages. */
  public static VigilConfig parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new VigilConfig(source, MissingNode.getInstance(), List.of(), Retention.DEFAULT);
    }
    if (!root.isObject()) {
      throw new ConfigException(source + ": expected a mapping of sections (" + new TreeSet<>(SECTIONS) + ")");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!SECTIONS.contains(key)) {
        throw new ConfigException(source + ": " + key + ": unknown section; known: " + new TreeSet<>(SECTIONS));
      }
    }
    return new VigilConfig(source, root, models(root.path("models"), source), retention(root.path("retention"), source));
  }

  private static List<ModelInfo> models(JsonNode node, String source) {
    List<ModelInfo> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new ConfigException(source + ": models: expected a mapping of model name to definition");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      try {
        out.add(ModelRoutes.parse(m.getKey(), m.getValue()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source + ": models." + m.getKey() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static Retention retention(JsonNode node, String source) {
    if (node.isMissingNode() || node.isNull()) {
      return Retention.DEFAULT;
    }
    if (!node.isObject()) {
      throw new ConfigException(source + ": retention: expected {events, profiles, minute_profiles}");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("events", "profiles", "minute_profiles", "label_wait").contains(key)) {
        throw new ConfigException(source + ": retention." + key
            + ": unknown key; known: events, profiles, minute_profiles, label_wait");
      }
    }
    Retention d = Retention.DEFAULT;
    Duration events = durationOr(node.path("events"), d.events(), source + ": retention.events");
    Duration profiles = durationOr(node.path("profiles"), d.profiles(), source + ": retention.profiles");
    Duration minutes = durationOr(node.path("minute_profiles"), d.minuteProfiles(), source + ": retention.minute_profiles");
    Duration labelWait = durationOr(node.path("label_wait"), d.labelWait(), source + ": retention.label_wait");
    if (profiles.compareTo(minutes) < 0) {
      throw new ConfigException(source + ": retention.profiles (" + profiles + ") is shorter than"
          + " retention.minute_profiles (" + minutes + ")");
    }
    return new Retention(events, profiles, minutes, labelWait);
  }

  private static Duration durationOr(JsonNode node, Duration fallback, String where) {
    return node.isMissingNode() || node.isNull() ? fallback : duration(node, where);
  }

  /**
   * A duration written as Prometheus writes them: {@code 15s}, {@code 10m}, {@code 1h30m}, {@code 7d}, {@code
   * 2w}, {@code 250ms}; a bare number is seconds. {@code where} names the key in the message.
   */
  public static Duration duration(JsonNode node, String where) {
    if (node.isNumber()) {
      if (node.asDouble() <= 0) {
        throw new ConfigException(where + ": " + node.asText() + " must be positive");
      }
      return Duration.ofMillis(Math.round(node.asDouble() * 1000));
    }
    return duration(node.asText(""), where);
  }

  /** As {@link #duration(JsonNode, String)}, from text. */
  public static Duration duration(String text, String where) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    try {
      while (at < t.length() && m.find(at) && m.start() == at) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(Math.multiplyExact(7, n));
        });
        at = m.end();
      }
    } catch (NumberFormatException | ArithmeticException e) {   // found by fuzzing: 75555…5d
      throw new ConfigException(where + ": '" + text + "' is too long a duration", e);
    }
    if (t.isEmpty() || at != t.length() || total.isZero()) {
      throw new ConfigException(where + ": '" + text + "' is not a duration (like 15s, 10m, 1h30m, 7d)");
    }
    return total;
  }

  /** A top-level section as parsed YAML, or a missing node; each subsystem checks its own. */
  public JsonNode section(String name) {
    if (!SECTIONS.contains(name)) {
      throw new IllegalArgumentException("unknown section " + name);
    }
    return root.path(name);
  }

  /** The file the configuration came from, for messages. */
  public String source() {
    return source;
  }

  /** Models the file declares; registered at start-up, before any traffic. */
  public List<ModelInfo> models() {
    return models;
  }

  public Retention retention() {
    return retention;
  }
}
