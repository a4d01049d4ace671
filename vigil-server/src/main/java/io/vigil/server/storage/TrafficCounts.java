package io.vigil.server.storage;

import io.vigil.event.PredictionEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per model and version: how many events were accepted, how many were errors, and when the newest arrived, since
 * the store was created. Checkpointed with the profiles ({@link #snapshot}, {@link #restore}), since raw events
 * expire.
 *
 * <pre>{@code
 * TrafficCounts counts = new TrafficCounts();
 * counts.add(acceptedEvents);
 * counts.versions("fraud");   // {v3=Traffic[count=2, errors=0, last=...]}
 * }</pre>
 */
public final class TrafficCounts {

  /** One version's traffic. */
  public record Traffic(long count, long errors, Instant last, long labels) {}

  private static final class Counters {
    final LongAdder count = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder labels = new LongAdder();
    volatile Instant last = Instant.EPOCH;
  }

  private final Map<String, Map<String, Counters>> models = new ConcurrentHashMap<>();

  public void add(List<PredictionEvent> events) {
    for (PredictionEvent e : events) {
      Counters c = models.computeIfAbsent(e.model(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(e.version(), k -> new Counters());
      c.count.increment();
      if (e.status() == PredictionEvent.Status.ERROR) {
        c.errors.increment();
      }
      if (e.timestamp().isAfter(c.last)) {
        c.last = e.timestamp();
      }
    }
  }

  /** Counts a label joined to a prediction of this version (a replaced label is not counted again). */
  public void labeled(String model, String version) {
    models.computeIfAbsent(model, k -> new ConcurrentHashMap<>()).computeIfAbsent(version, k -> new Counters())
        .labels.increment();
  }

  /** Every model version's counts: {@code sink(model, version, traffic)}. */
  public void forEach(TrafficSink sink) {
    models.forEach((m, versions) -> versions.forEach((v, c) ->
        sink.accept(m, v, new Traffic(c.count.sum(), c.errors.sum(), c.last, c.labels.sum()))));
  }

  /** Receives counts. */
  @FunctionalInterface
  public interface TrafficSink {
    void accept(String model, String version, Traffic traffic);
  }

  /** Every version's counts now, for a checkpoint. */
  public List<ProfileStore.Totals> snapshot() {
    List<ProfileStore.Totals> out = new java.util.ArrayList<>();
    models.forEach((m, versions) -> versions.forEach((v, c) ->
        out.add(new ProfileStore.Totals(m, v, c.count.sum(), c.errors.sum(), c.last.toEpochMilli(), c.labels.sum()))));
    return out;
  }

  /** Starts from a checkpoint's counts (before the events after it are replayed). */
  public void restore(List<ProfileStore.Totals> totals) {
    for (ProfileStore.Totals t : totals) {
      Counters c = models.computeIfAbsent(t.model(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(t.version(), k -> new Counters());
      c.count.add(t.count());
      c.errors.add(t.errors());
      c.labels.add(t.labels());
      Instant last = Instant.ofEpochMilli(t.lastMillis());
      if (last.isAfter(c.last)) {
        c.last = last;
      }
    }
  }

  /** Versions of a model by name, sorted; empty when it has no traffic. */
  public Map<String, Traffic> versions(String model) {
    Map<String, Traffic> out = new TreeMap<>();
    models.getOrDefault(model, Map.of()).forEach((v, c) ->
        out.put(v, new Traffic(c.count.sum(), c.errors.sum(), c.last, c.labels.sum())));
    return out;
  }
}
