package io.vigil.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.server.alert.AlertEvaluator;
import io.vigil.server.alert.AlertRecord;
import io.vigil.server.alert.AlertState;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.Silence;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Alerts, rules and silences:
 * <ul>
 *   <li>{@code GET /api/v1/alerts?state=&model=&limit=}: pending, firing and resolved alerts, newest first:
 *       {@code {"alerts": [{"id", "rule", "model", "version", "severity", "state", "value", "threshold",
 *       "starts_at", "ends_at", "summary"}], "evaluator": "vigil-1"}}; {@code evaluator} is the instance that
 *       evaluates the rules and sends notifications (with a shared store, one instance at a time; null while
 *       none holds the lock)</li>
 *   <li>{@code GET /api/v1/alert-rules}: each rule with its latest evaluation per model version</li>
 *   <li>{@code POST /api/v1/silences} {@code {"matchers": {"rule": ..., "model": ...}, "ends_at": ..., "comment":
 *       ...}} → 201 {@code {"id"}}; {@code GET /api/v1/silences}; {@code DELETE /api/v1/silences/{id}}</li>
 * </ul>
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/alerts?state=firing'
 * curl -X POST http://127.0.0.1:8080/api/v1/silences -d '{"matchers": {"model": "fraud"}, "ends_at": "+2h"}'
 * }</pre>
 */
public final class AlertRoutes {

  /** One alert as the API and the dashboard read it. */
  public record AlertJson(String id, String rule, String model, String version, String severity, String state,
      Double value, double threshold, Instant startsAt, Instant endsAt, String summary) {

    static AlertJson of(AlertRecord a) {
      return new AlertJson(a.id(), a.rule(), a.model(), a.version(), a.severity().id(), a.state().id(),
          Double.isFinite(a.value()) ? a.value() : null, a.threshold(), a.startsAt(), a.endsAt(), a.summary());
    }
  }

  /** A silence as listed; {@code active} says whether it is in force now. */
  public record SilenceJson(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt,
      String comment, boolean active) {}

  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 10_000;

  private final AlertStore store;
  private final AlertEvaluator evaluator;
  private final Clock clock;

  public AlertRoutes(AlertStore store, AlertEvaluator evaluator, Clock clock) {
    this.store = store;
    this.evaluator = evaluator;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/alerts", this::alerts);
    routes.get("/api/v1/alert-rules", ctx -> ctx.json(Map.of("rules", evaluator.rules())));
    routes.post("/api/v1/silences", this::createSilence);
    routes.get("/api/v1/silences", this::silences);
    routes.delete("/api/v1/silences/{id}", this::deleteSilence);
  }

  private void alerts(Context ctx) {
    String state = ctx.queryParam("state");
    AlertState s = state == null || state.isEmpty() ? null : AlertState.parse(state);
    String model = ctx.queryParam("model");
    int limit = DEFAULT_LIMIT;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit: expected a whole number from 1 to " + MAX_LIMIT + ", got '" + l + "'");
      }
    }
    List<AlertJson> alerts = store.find(s, model == null || model.isEmpty() ? null : model, limit).stream()
        .map(AlertJson::of).toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("alerts", alerts);
    answer.put("evaluator", evaluator.evaluator().orElse(null));   // which instance evaluates (null: none now)
    ctx.json(answer);
  }

  private void silences(Context ctx) {
    Instant now = clock.instant();
    ctx.json(Map.of("silences", store.silences().stream().map(s -> new SilenceJson(s.id(), s.matchers(),
        s.startsAt(), s.endsAt(), s.comment(), s.active(now))).toList()));
  }

  private void deleteSilence(Context ctx) {
    String id = ctx.pathParam("id");
    if (!store.deleteSilence(id)) {
      throw new NotFoundException("no silence with id '" + id + "'");
    }
    ctx.status(204);
  }

  private void createSilence(Context ctx) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body: not valid JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("body: expected {\"matchers\": {...}, \"ends_at\": ...}");
    }
    Instant now = clock.instant();
    JsonNode m = body.path("matchers");
    if (!m.isObject() || m.isEmpty()) {
      throw new IllegalArgumentException("matchers: missing; give at least one of " + new TreeSet<>(Silence.MATCHER_KEYS)
          + ", as {\"matchers\": {\"model\": \"fraud\"}}");
    }
    Map<String, String> matchers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!Silence.MATCHER_KEYS.contains(e.getKey())) {
        throw new IllegalArgumentException("matchers." + e.getKey() + ": unknown matcher; valid: "
            + new TreeSet<>(Silence.MATCHER_KEYS));
      }
      if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
        throw new IllegalArgumentException("matchers." + e.getKey() + ": expected a non-empty string");
      }
      matchers.put(e.getKey(), e.getValue().asText());
    }
    Instant starts = body.hasNonNull("starts_at") ? time("starts_at", body.get("starts_at"), now) : now;
    if (!body.hasNonNull("ends_at")) {
      throw new IllegalArgumentException("ends_at: missing; when the silence ends (ISO-8601, epoch milliseconds or +2h)");
    }
    Instant ends = time("ends_at", body.get("ends_at"), now);
    if (!ends.isAfter(now)) {
      throw new IllegalArgumentException("ends_at: " + ends + " is not in the future");
    }
    if (!ends.isAfter(starts)) {
      throw new IllegalArgumentException("ends_at: " + ends + " is not after starts_at (" + starts + ")");
    }
    JsonNode comment = body.path("comment");
    Silence s = new Silence(UUID.randomUUID().toString(), matchers, starts, ends,
        comment.isValueNode() ? comment.asText() : null, now);
    store.saveSilence(s);
    ctx.status(201).json(Map.of("id", s.id()));
  }

  /** ISO-8601, epoch milliseconds, or {@code +2h}/{@code -5m} relative to now. */
  private static Instant time(String field, JsonNode node, Instant now) {
    if (node.isIntegralNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    String text = node.asText();
    if (text.startsWith("+")) {
      return now.plus(TimeRange.duration(field, text.substring(1)));
    }
    return TimeRange.instant(field, text, now);
  }
}
