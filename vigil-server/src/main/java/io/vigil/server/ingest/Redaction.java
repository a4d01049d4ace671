package io.vigil.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.dataset.Dataset;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Features that must never be stored raw (the {@code redaction} section of {@code vigil.yaml}): dropped at ingest,
 * or replaced by a keyed hash so that their categorical drift can still be watched. It happens before anything is
 * validated, stored, profiled or logged, so the raw value exists only in the request being parsed.
 *
 * <pre>{@code
 * redaction:
 *   drop: [email, "/pii_.+/"]         # names, or /regular expressions/ matching the whole name
 *   hash: [user_id, ip]
 *   key: "a long random secret"       # HMAC-SHA256 key: without it a hash of an e-mail address is easy to guess
 * }</pre>
 *
 * <p>A hashed value becomes the text {@code h:} + 16 hex digits (64 bits of HMAC-SHA256 over the value's JSON text),
 * so the feature is categorical from then on; declare it {@code categorical} in a model's schema. Uploaded reference
 * files lose both dropped and hashed columns (their hashes would need the key on the client); a hashed feature's
 * reference is taken from a production window ({@code POST .../reference/from-window}).
 */
public final class Redaction {

  public static final Redaction NONE = new Redaction(List.of(), List.of(), null);
  private static final Set<String> KEYS = Set.of("drop", "hash", "key");
  private static final int MIN_KEY = 16;

  private final List<Pattern> drop;
  private final List<Pattern> hash;
  private final byte[] key;

  private Redaction(List<Pattern> drop, List<Pattern> hash, byte[] key) {
    this.drop = drop;
    this.hash = hash;
    this.key = key;
  }

  /** Reads and checks the section; errors name the file and key. */
  public static Redaction from(VigilConfig config) {
    JsonNode section = config.section("redaction");
    String where = config.source() + ": redaction";
    if (section.isMissingNode() || section.isNull()) {
      return NONE;
    }
    if (!section.isObject()) {
      throw new ConfigException(where + ": expected {drop: [...], hash: [...], key: ...}");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ConfigException(where + "." + k + ": unknown key; known: drop, hash, key");
      }
    }
    List<Pattern> drop = patterns(section.path("drop"), where + ".drop");
    List<Pattern> hash = patterns(section.path("hash"), where + ".hash");
    JsonNode key = section.path("key");
    if (!hash.isEmpty() && (!key.isTextual() || key.asText().length() < MIN_KEY)) {
      throw new ConfigException(where + ".key: required with hash, a secret of at least " + MIN_KEY
          + " characters (the same on every server, or the hashes differ)");
    }
    return new Redaction(drop, hash, hash.isEmpty() ? null : key.asText().getBytes(StandardCharsets.UTF_8));
  }

  private static List<Pattern> patterns(JsonNode list, String where) {
    List<Pattern> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new ConfigException(where + ": expected a list of feature names or /regular expressions/");
    }
    for (int i = 0; i < list.size(); i++) {
      String entry = list.get(i).asText("");
      if (!list.get(i).isTextual() || entry.isEmpty()) {
        throw new ConfigException(where + "[" + i + "]: expected a feature name or a /regular expression/");
      }
      try {
        out.add(entry.length() > 2 && entry.startsWith("/") && entry.endsWith("/")
            ? Pattern.compile(entry.substring(1, entry.length() - 1)) : Pattern.compile(Pattern.quote(entry)));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(where + "[" + i + "]: not a regular expression: " + e.getDescription(), e);
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return drop.isEmpty() && hash.isEmpty();
  }

  /** Whether the feature {@code name} is dropped. Dropping wins over hashing when both match. */
  public boolean drops(String name) {
    return matches(drop, name);
  }

  public boolean hashes(String name) {
    return !drops(name) && matches(hash, name);
  }

  /** Redacts an event's {@code features} object in place; returns whether anything changed. */
  boolean apply(JsonNode event) {
    if (isEmpty() || !(event.get("features") instanceof ObjectNode features)) {
      return false;
    }
    boolean changed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (drops(f.getKey())) {
        it.remove();
        changed = true;
      } else if (hashes(f.getKey()) && !f.getValue().isNull()) {
        f.setValue(features.textNode(hash(f.getValue())));
        changed = true;
      }
    }
    return changed;
  }

  /** A reference without the redacted columns. */
  public Dataset apply(Dataset dataset) {
    if (isEmpty()) {
      return dataset;
    }
    return new Dataset(dataset.source(), dataset.rows(), dataset.columns().stream()
        .filter(c -> !drops(c.name()) && !hashes(c.name())).toList());
  }

  private String hash(JsonNode value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((value.isTextual() ? value.asText() : value.toString()).getBytes(StandardCharsets.UTF_8));
      return "h:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private static boolean matches(List<Pattern> patterns, String name) {
    for (Pattern p : patterns) {
      if (p.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }
}
