package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.TrafficCounts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model registry over HTTP: {@code PUT /api/v1/models/{model}} registers or updates a model, {@code GET
 * /api/v1/models} lists them with their traffic and a health summary ({@link ModelHealth}), {@code GET
 * /api/v1/models/{model}} shows one.
 *
 * <pre>{@code
 * curl -X PUT http://127.0.0.1:8080/api/v1/models/fraud -H 'Content-Type: application/json' -d '{
 *   "task": "binary_classification", "classes": ["ok", "fraud"], "positive_class": "fraud",
 *   "features": [{"name": "amount", "type": "numeric"}, {"name": "country", "type": "categorical"}]}'
 * }</pre>
 */
public final class ModelRoutes {

  /** One model as the API shows it. */
  public record ModelView(String name, String task, List<String> classes, String positiveClass,
      List<FeatureView> features, boolean declared, Map<String, TrafficCounts.Traffic> versions,
      ModelHealth.Health health) {}

  /** One feature of a schema. */
  public record FeatureView(String name, String type) {}

  private final ModelRegistry registry;
  private final TrafficCounts traffic;
  private final EventStore store;
  private final ModelHealth health;

  public ModelRoutes(ModelRegistry registry, TrafficCounts traffic, EventStore store, ModelHealth health) {
    this.registry = registry;
    this.traffic = traffic;
    this.store = store;
    this.health = health;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models", ctx -> ctx.json(Map.of("models",
        registry.all().stream().map(this::view).collect(Collectors.toList()))));
    routes.get("/api/v1/models/{model}", this::one);
    routes.put("/api/v1/models/{model}", this::put);
  }

  private void one(Context ctx) {
    Optional<ModelInfo> m = registry.find(ctx.pathParam("model"));
    if (m.isEmpty()) {
      ctx.status(404).json(ApiError.of("no model named '" + ctx.pathParam("model") + "'"));
    } else {
      ctx.json(view(m.get()));
    }
  }

  private void put(Context ctx) throws IOException {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.req().getInputStream());
    } catch (IOException e) {
      ctx.status(400).json(ApiError.of("malformed JSON: " + e.getMessage()));
      return;
    }
    try {
      ModelInfo info = parse(ctx.pathParam("model"), body);
      synchronized (registry) {   // against a checkpoint storing the registry's view of the same model
        registry.register(info);
        store.saveModel(info.name(), definition(info));
      }
      ctx.json(view(info));
    } catch (IllegalArgumentException e) {
      ctx.status(400).json(ApiError.of(e.getMessage()));
    }
  }

  /** A model's definition as {@link #parse} reads it (what the store keeps). */
  public static String definition(ModelInfo m) {
    com.fasterxml.jackson.databind.node.ObjectNode o = Json.MAPPER.createObjectNode();
    if (m.task() != ModelInfo.Task.UNKNOWN) {
      o.put("task", m.task().id());
    }
    m.classes().forEach(o.putArray("classes")::add);
    m.positiveClass().ifPresent(p -> o.put("positive_class", p));
    com.fasterxml.jackson.databind.node.ArrayNode fs = o.putArray("features");
    m.schema().features().forEach(f -> fs.addObject().put("name", f.name()).put("type", f.type().id()));
    return o.toString();
  }

  /** Reads a model definition (the body of {@code PUT /models/{model}}), naming the field at fault. */
  public static ModelInfo parse(String name, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected a JSON object describing the model");
    }
    ModelInfo.Task task = body.hasNonNull("task") ? ModelInfo.Task.fromId(body.get("task").asText())
        : ModelInfo.Task.UNKNOWN;
    List<String> classes = new ArrayList<>();
    JsonNode cs = body.path("classes");
    if (!cs.isMissingNode() && !cs.isArray()) {
      throw new IllegalArgumentException("classes: expected an array of class labels");
    }
    cs.forEach(c -> classes.add(c.asText()));
    Optional<String> positive = Optional.ofNullable(body.hasNonNull("positive_class")
        ? body.get("positive_class").asText() : null);
    if (positive.isPresent() && !classes.isEmpty() && !classes.contains(positive.get())) {
      throw new IllegalArgumentException("positive_class: '" + positive.get() + "' is not one of classes " + classes);
    }
    List<Feature> features = new ArrayList<>();
    JsonNode fs = body.path("features");
    if (!fs.isMissingNode() && !fs.isArray()) {
      throw new IllegalArgumentException("features: expected an array of {\"name\", \"type\"}");
    }
    for (int i = 0; i < fs.size(); i++) {
      JsonNode f = fs.get(i);
      if (!f.path("name").isTextual() || f.path("name").asText().isBlank()) {
        throw new IllegalArgumentException("features[" + i + "].name: required");
      }
      try {
        features.add(new Feature(f.get("name").asText(), FeatureType.fromId(f.path("type").asText(null))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("features[" + i + "].type: " + e.getMessage());
      }
    }
    return new ModelInfo(name, task, classes, positive, new Schema(features), true);
  }

  private ModelView view(ModelInfo m) {
    return new ModelView(m.name(), m.task().id(), m.classes(), m.positiveClass().orElse(null),
        m.schema().features().stream().map(f -> new FeatureView(f.name(), f.type().id())).collect(Collectors.toList()),
        m.declared(), traffic.versions(m.name()), health.of(m.name()));
  }
}
