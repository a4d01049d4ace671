package io.vigil.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code auth} section of {@code vigil.yaml}: the API tokens (as salted hashes, see {@link ApiToken}) and the
 * per-token rate limit. No tokens means auth is off, which the server allows only on a loopback address.
 *
 * <pre>{@code
 * auth:
 *   rate_limit: 200          # requests per second per token (default 200); a token may set its own
 *   tokens:
 *     - {name: model-server, scopes: [ingest], hash: "sha256:…", rate_limit: 1000}
 *     - {name: grafana, scopes: [read], hash: "sha256:…"}
 * }</pre>
 *
 * @param rateLimit requests per second per token, with a burst of one second's worth
 */
public record AuthSettings(List<ApiToken> tokens, double rateLimit) {

  public static final double DEFAULT_RATE_LIMIT = 200;
  public static final AuthSettings OFF = new AuthSettings(List.of(), DEFAULT_RATE_LIMIT);
  private static final Set<String> KEYS = Set.of("tokens", "rate_limit");
  private static final Set<String> TOKEN_KEYS = Set.of("name", "scopes", "hash", "rate_limit");

  public AuthSettings {
    tokens = List.copyOf(tokens);
  }

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  /** Reads and checks the section; every error names the file and the key. */
  public static AuthSettings from(VigilConfig config) {
    JsonNode auth = config.section("auth");
    String where = config.source() + ": auth";
    if (auth.isMissingNode() || auth.isNull()) {
      return OFF;
    }
    if (!auth.isObject()) {
      throw new ConfigException(where + ": expected {tokens: [...], rate_limit: N}");
    }
    unknownKeys(auth, KEYS, where);
    double rate = positive(auth.path("rate_limit"), DEFAULT_RATE_LIMIT, where + ".rate_limit");
    JsonNode list = auth.path("tokens");
    List<ApiToken> tokens = new ArrayList<>();
    if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
      throw new ConfigException(where + ".tokens: expected a list of {name, scopes, hash}");
    }
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = where + ".tokens[" + i + "]";
      ApiToken token = token(list.get(i), at);
      if (!names.add(token.name())) {
        throw new ConfigException(at + ".name: '" + token.name() + "' is used by two tokens");
      }
      if (!hashes.add(token.hash())) {
        throw new ConfigException(at + ".hash: the same hash is listed twice");
      }
      tokens.add(token);
    }
    return new AuthSettings(tokens, rate);
  }

  private static ApiToken token(JsonNode node, String at) {
    if (!node.isObject()) {
      throw new ConfigException(at + ": expected {name, scopes, hash}");
    }
    unknownKeys(node, TOKEN_KEYS, at);
    String name = node.path("name").asText("");
    if (!node.path("name").isTextual() || name.isBlank()) {
      throw new ConfigException(at + ".name: required (a word naming who holds the token)");
    }
    JsonNode scopeList = node.path("scopes");
    if (!scopeList.isArray() || scopeList.isEmpty()) {
      throw new ConfigException(at + ".scopes: required, a list of " + Scope.known());
    }
    Set<Scope> scopes = new LinkedHashSet<>();
    for (int s = 0; s < scopeList.size(); s++) {
      try {
        scopes.add(Scope.parse(scopeList.get(s).asText()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(at + ".scopes[" + s + "]: " + e.getMessage(), e);
      }
    }
    if (!node.path("hash").isTextual()) {
      throw new ConfigException(at + ".hash: required, as printed by 'vigil token create'");
    }
    double rate = positive(node.path("rate_limit"), 0, at + ".rate_limit");
    try {
      return new ApiToken(name, scopes, node.path("hash").asText(), rate);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at + ".hash: " + e.getMessage(), e);
    }
  }

  private static double positive(JsonNode node, double fallback, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber() || !(node.asDouble() > 0)) {
      throw new ConfigException(where + ": '" + node.asText() + "' must be a positive number of requests per second");
    }
    return node.asDouble();
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new ConfigException(where + "." + key + ": unknown key; known: " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }
}
