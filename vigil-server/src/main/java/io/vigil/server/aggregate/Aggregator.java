package io.vigil.server.aggregate;

import io.vigil.dataset.Dataset;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.WindowProfile;
import io.vigil.schema.Schema;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps one {@link WindowProfile} per (model, version, minute) and answers any time range by merging the minutes
 * in it. Rebuilt from the event log at start-up. Rows are also checked against the version's reference (when
 * it has one, from the time it was uploaded) for the anomaly fraction of the quality API.
 *
 * <pre>{@code
 * aggregator.add(events);
 * WindowProfile lastHour = aggregator.window("fraud", "v3", now.minus(Duration.ofHours(1)), now);
 * }</pre>
 *
 * <p>Each minute is updated under its own lock; a query copies the minutes it merges under the same lock, so it
 * never sees half an update. Hour and day roll-ups (so a 30-day range merges about a hundred objects instead of
 * 43,200) are still to come; today a long range merges every minute in it.
 */
public final class Aggregator {

  /** Bucket width. */
  public static final Duration MINUTE = Duration.ofMinutes(1);

  private final ModelRegistry registry;
  private final Map<String, NavigableMap<Long, WindowProfile>> buckets = new ConcurrentHashMap<>();
  private final Map<String, ReferenceBounds> bounds = new ConcurrentHashMap<>();

  public Aggregator(ModelRegistry registry) {
    this.registry = registry;
  }

  /** From now on, rows of this version are checked against the reference for the anomaly count. */
  public void reference(String model, String version, Dataset reference) {
    bounds.put(key(model, version), ReferenceBounds.of(reference));
  }

  public void add(List<PredictionEvent> events) {
    for (PredictionEvent e : events) {
      Schema schema = registry.find(e.model()).map(ModelInfo::schema).orElse(new Schema(List.of()));
      WindowProfile minute = buckets.computeIfAbsent(key(e.model(), e.version()), k -> new ConcurrentSkipListMap<>())
          .computeIfAbsent(minuteOf(e.timestamp()), k -> new WindowProfile());
      ReferenceBounds b = bounds.get(key(e.model(), e.version()));
      boolean anomalous = b != null && b.isAnomalous(e);
      synchronized (minute) {
        minute.update(e, schema);
        if (anomalous) {
          minute.markAnomaly();
        }
      }
    }
  }

  /** The merge of the minutes in [from, to); empty when the version has none there. */
  public Optional<WindowProfile> window(String model, String version, Instant from, Instant to) {
    NavigableMap<Long, WindowProfile> minutes = buckets.get(key(model, version));
    if (minutes == null) {
      return Optional.empty();
    }
    WindowProfile merged = null;
    for (WindowProfile minute : minutes.subMap(minuteOf(from), true, minuteOf(to.minusMillis(1)), true).values()) {
      synchronized (minute) {
        merged = merged == null ? minute.copy() : merged.merge(minute);
      }
    }
    return Optional.ofNullable(merged);
  }

  /** Versions with traffic for a model, sorted. */
  public List<String> versions(String model) {
    List<String> out = new ArrayList<>();
    String prefix = model + '\u0000';
    buckets.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().forEach(k -> out.add(k.substring(prefix.length())));
    return out;
  }

  static long minuteOf(Instant t) {
    return Math.floorDiv(t.toEpochMilli(), MINUTE.toMillis());
  }

  private static String key(String model, String version) {
    return model + '\u0000' + version;
  }
}
