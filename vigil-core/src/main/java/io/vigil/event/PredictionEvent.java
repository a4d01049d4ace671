package io.vigil.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One prediction a model made (SPEC section 3). Defaults are applied by {@link PredictionEvent.Builder}: a random
 * id, version {@code "default"}, the receive time, confidence = the largest score.
 *
 * <pre>{@code
 * PredictionEvent e = PredictionEvent.builder("fraud")
 *     .feature("amount", 12.5).feature("country", "DE")
 *     .prediction("fraud").score("fraud", 0.91).score("ok", 0.09)
 *     .latencyMs(12.5)
 *     .build(Instant.now());
 * e.confidence();   // OptionalDouble[0.91]
 * }</pre>
 *
 * @param features values are {@code Double}, {@code String}, {@code Boolean} or {@code null} (missing)
 * @param prediction a class label ({@code String}, {@code Long}, {@code Boolean}) or a {@code Double}
 *     (regression); {@code null} for failed calls
 * @param error the error type when {@code status} is {@link Status#ERROR}
 */
public record PredictionEvent(
    String id,
    String model,
    String version,
    Instant timestamp,
    Map<String, Object> features,
    Object prediction,
    Map<String, Double> scores,
    OptionalDouble confidence,
    OptionalDouble latencyMs,
    Status status,
    Optional<String> error,
    Optional<String> consumer,
    Map<String, String> segments) {

  /** Whether the model answered. */
  public enum Status {
    OK,
    ERROR
  }

  public PredictionEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(status, "status");
    requireName(model, "model");
    requireName(version, "version");
    features = features == null ? Map.of()
        : features instanceof Frozen ? features : new Frozen(new java.util.LinkedHashMap<>(features));
    scores = scores == null ? Map.of() : Map.copyOf(scores);
    segments = segments == null ? Map.of() : Map.copyOf(segments);
    if (features.isEmpty() && status != Status.ERROR) {
      throw new IllegalArgumentException("features: required unless status is \"error\"");
    }
    for (Map.Entry<String, Double> s : scores.entrySet()) {
      if (!(s.getValue() >= 0 && s.getValue() <= 1)) {
        throw new IllegalArgumentException("scores." + s.getKey() + ": expected a number in [0, 1], got " + s.getValue());
      }
    }
    if (latencyMs.isPresent() && !(latencyMs.getAsDouble() >= 0 && Double.isFinite(latencyMs.getAsDouble()))) {
      throw new IllegalArgumentException("latency_ms: expected a finite number ≥ 0, got " + latencyMs.getAsDouble());
    }
  }

  static void requireName(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": required, got " + (value == null ? "nothing" : "\"\""));
    }
  }

  /**
   * The features as an event holds them: a read-only view of an insertion-ordered map that nothing else changes (the
   * builder hands its own map over instead of having it copied: ingest builds some million of these a second).
   */
  private static final class Frozen extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> view;

    Frozen(Map<String, Object> owned) {
      this.view = java.util.Collections.unmodifiableMap(owned);
    }

    @Override public java.util.Set<Map.Entry<String, Object>> entrySet() { return view.entrySet(); }
    @Override public java.util.Set<String> keySet() { return view.keySet(); }
    @Override public java.util.Collection<Object> values() { return view.values(); }
    @Override public int size() { return view.size(); }
    @Override public boolean containsKey(Object key) { return view.containsKey(key); }
    @Override public Object get(Object key) { return view.get(key); }
    @Override public Object getOrDefault(Object key, Object fallback) { return view.getOrDefault(key, fallback); }
    @Override public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
      view.forEach(action);
    }
  }

  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** Collects the optional fields; {@link #build} applies SPEC section 3's defaults. */
  public static final class Builder {
    private final String model;
    private String id;
    private String version = "default";
    private Instant timestamp;
    /** Handed to the first event built as it is (no copy); a later {@link #feature} copies it first. */
    private Map<String, Object> features = new java.util.LinkedHashMap<>(32);
    private boolean featuresShared;
    private Object prediction;
    private final Map<String, Double> scores = new java.util.LinkedHashMap<>();
    private Double confidence;
    private Double latencyMs;
    private Status status = Status.OK;
    private String error;
    private String consumer;
    private final Map<String, String> segments = new java.util.LinkedHashMap<>();

    private Builder(String model) {
      this.model = model;
    }

    public Builder id(String value) { id = value; return this; }
    public Builder version(String value) { version = value; return this; }
    public Builder timestamp(Instant value) { timestamp = value; return this; }
    public Builder feature(String name, Object value) {
      if (featuresShared) {
        features = new java.util.LinkedHashMap<>(features);
        featuresShared = false;
      }
      features.put(name, value);
      return this;
    }
    public Builder prediction(Object value) { prediction = value; return this; }
    public Builder score(String label, double value) { scores.put(label, value); return this; }
    public Builder confidence(double value) { confidence = value; return this; }
    public Builder latencyMs(double value) { latencyMs = value; return this; }
    public Builder error(String type) { status = Status.ERROR; error = type; return this; }
    public Builder consumer(String value) { consumer = value; return this; }
    public Builder segment(String name, String value) { segments.put(name, value); return this; }

    /** Builds with defaults; {@code receivedAt} is the timestamp when none was given. */
    public PredictionEvent build(Instant receivedAt) {
      OptionalDouble conf = confidence != null ? OptionalDouble.of(confidence)
          : scores.values().stream().mapToDouble(Double::doubleValue).max();
      featuresShared = true;
      return new PredictionEvent(id != null ? id : EventIds.next(), model, version,
          timestamp != null ? timestamp : receivedAt, new Frozen(features), prediction, scores, conf,
          latencyMs == null ? OptionalDouble.empty() : OptionalDouble.of(latencyMs), status,
          Optional.ofNullable(error), Optional.ofNullable(consumer), segments);
    }
  }
}
