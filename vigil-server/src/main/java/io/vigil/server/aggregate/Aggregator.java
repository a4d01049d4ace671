package io.vigil.server.aggregate;

import io.vigil.dataset.Dataset;
import io.vigil.event.LabelEvent;
import io.vigil.event.OutcomeEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.Target;
import io.vigil.profile.WindowProfile;
import io.vigil.schema.Schema;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.ProfileStore;
import io.vigil.server.storage.ProfileStore.Resolution;
import io.vigil.server.storage.TrafficCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link WindowProfile} per (model, version, bucket) and answers any time range by merging buckets.
 *
 * <p><b>Deltas and checkpoints.</b> Accepted events update in-memory minute profiles (the <em>deltas</em>).
 * Every few seconds {@link #checkpoint()} merges the deltas into the stored minute, hour and day profiles and
 * records the log position they include, in one transaction; the deltas then start empty. After a crash the
 * server loads nothing but the stored profiles and replays the events after that position, so the aggregates
 * equal what was accepted. Ingest runs under the read side of a lock and the checkpoint swaps the deltas under
 * its write side, so a checkpoint's position never splits a batch.
 *
 * <p><b>Roll-ups.</b> A range is answered from whole days, then whole hours, then minutes at its edges, plus the
 * deltas inside it. A range longer than {@link #HOUR_DETAIL_BEYOND} is widened to whole hours, so a 30-day
 * range merges at most 30 days + 2·23 hours = 76 stored profiles (plus the deltas) instead of 43,200 minutes.
 * Minute profiles are kept for {@link VigilConfig.Retention#minuteProfiles()}; a range reaching further back is
 * widened to whole hours there too.
 *
 * <pre>{@code
 * aggregator.ingest(() -> store.append(events));     // durable, then counted
 * WindowProfile lastHour = aggregator.window("fraud", "v3", now.minus(Duration.ofHours(1)), now).orElseThrow();
 * }</pre>
 *
 * <p>Rows are also checked against the version's reference (when it has one, from the time it was uploaded) for
 * the anomaly fraction of the quality API. Labels and outcomes are joined to their predictions by {@link LabelJoin};
 * which stored profiles answer a range is {@link RangePlan}'s part; the deltas and the cached stored profiles, as
 * queries see them, are {@link ProfileView}'s; {@link Checkpoints} writes the checkpoints and {@link Housekeeping}
 * runs them and retention in the background.
 */
public final class Aggregator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);
  /** The schema of a model the registry does not know (yet): usage only. */
  private static final Schema NO_FEATURES = new Schema(List.of());

  /** Bucket width of the deltas and the finest stored profiles. */
  public static final Duration MINUTE = Duration.ofMinutes(1);

  /** Ranges longer than this are answered at hour detail: their edges widen to whole hours. */
  public static final Duration HOUR_DETAIL_BEYOND = Duration.ofDays(2);

  private final ModelRegistry registry;
  private final EventStore store;
  private final TrafficCounts traffic;
  private final Clock clock;
  private final VigilConfig.Retention retention;
  private final Map<String, ReferenceBounds> bounds = new ConcurrentHashMap<>();
  /** Model versions with any data, as {@code model \0 version}. */
  private final Set<String> series = ConcurrentHashMap.newKeySet();

  /**
   * Ingest holds the read side; a checkpoint takes the write side to swap the deltas and read the position. A
   * stamped lock, not a reentrant one: a batch's read side is taken by the thread that stores it and given back by
   * the one that counts it (see {@link #store}). Not reentrant either: no read side is taken while one is held.
   */
  private final StampedLock gate = new StampedLock();
  /** The stored profiles and the deltas, as queries see them. */
  private final ProfileView view;
  /** Checkpoints and retention in the background. */
  private final Housekeeping housekeeping;
  /** Writes the checkpoints. */
  private final Checkpoints checkpoints;

  /** Labels and outcomes joined to their predictions, and labels waiting for theirs. */
  private final LabelJoin labels;
  /** Which stored profiles answer a range. */
  private final RangePlan ranges;

  public Aggregator(ModelRegistry registry, EventStore store, TrafficCounts traffic, Clock clock,
      VigilConfig.Retention retention) {
    this.registry = registry;
    this.store = store;
    this.traffic = traffic;
    this.clock = clock;
    this.retention = retention;
    this.ranges = new RangePlan(store, clock, retention.minuteProfiles());
    this.view = new ProfileView(store);
    this.labels = new LabelJoin(registry, store, traffic, clock, retention.labelWait(), this::delta);
    this.checkpoints = new Checkpoints(gate, view, store, registry, traffic, labels);
    // retention: one instance at a time where several share the store
    this.housekeeping = new Housekeeping(this::checkpoint, () -> store.exclusively("retention", this::retain));
    store.series((m, v) -> series.add(key(m, v)));
  }

  /** Checkpoints every {@code every} and applies retention every hour, on a background thread. */
  public void start(Duration every) {
    housekeeping.start(every);
  }

  /**
   * Also records these positions (the next Kafka offset of each consumed partition) with every checkpoint, in its
   * transaction. {@code positions} is called under the write side of the ingest gate, so it sees exactly what the
   * deltas include when whoever updates the positions does it inside {@link #ingest}.
   */
  public void checkpointAlso(Supplier<Map<ProfileStore.SourcePartition, Long>> positions) {
    checkpoints.alsoRecord(positions);
  }

  /** From now on, rows of this version are checked against the reference for the anomaly count. */
  public void reference(String model, String version, Dataset reference) {
    bounds.put(key(model, version), ReferenceBounds.of(reference));
  }

  /**
   * Runs {@code append} (which stores a batch durably and returns the events that were new) and counts what it
   * returns, as one step with respect to checkpoints.
   */
  public List<PredictionEvent> ingest(Supplier<List<PredictionEvent>> append) {
    return store(append).count();
  }

  /**
   * The first half of {@link #ingest}: runs {@code append} and returns the events to count, which {@link
   * Stored#count()} then counts, on this thread or another. No checkpoint falls between the two: until the count, a
   * checkpoint waits (so count every stored batch, even when its answer fails). The ingest writer stores the next
   * batch while another thread counts the last one.
   */
  public Stored store(Supplier<List<PredictionEvent>> append) {
    long stamp = gate.readLock();
    try {
      return new Stored(append.get(), stamp);
    } catch (RuntimeException | Error e) {
      gate.unlockRead(stamp);
      throw e;
    }
  }

  /** A stored batch not counted yet: it holds checkpoints back until {@link #count()}. */
  public final class Stored {
    private final List<PredictionEvent> fresh;
    private final long stamp;
    private boolean counted;

    private Stored(List<PredictionEvent> fresh, long stamp) {
      this.fresh = fresh;
      this.stamp = stamp;
    }

    /** Counts the batch's new events (once) and returns them; a checkpoint may follow. */
    public synchronized List<PredictionEvent> count() {
      if (!counted) {
        counted = true;
        try {
          add(fresh);
        } finally {
          gate.unlockRead(stamp);
        }
      }
      return fresh;
    }
  }

  /** Counts events (ingest does it through {@link #ingest}; recovery calls this directly before serving). */
  public void add(List<PredictionEvent> events) {
    traffic.add(events);
    PredictionEvent last = null;
    Schema schema = NO_FEATURES;
    String k = null;
    ReferenceBounds b = null;
    for (PredictionEvent e : events) {
      if (last == null || !last.model().equals(e.model()) || !last.version().equals(e.version())) {
        schema = registry.find(e.model()).map(ModelInfo::schema).orElse(NO_FEATURES);   // once per run of a version
        k = key(e.model(), e.version());
        series.add(k);
        b = bounds.get(k);
      }
      last = e;
      WindowProfile minute = view.delta(k, minuteOf(e.timestamp()));
      boolean anomalous = b != null && b.isAnomalous(e);
      Target target = registry.target(e.model(), e.prediction());
      LabelEvent waited = labels.arrived(e.model(), e.id());
      synchronized (minute) {
        minute.update(e, schema, target);
        if (anomalous) {
          minute.markAnomaly();
        }
        if (waited != null && target != null && minute.label(e, waited, target)) {
          traffic.labeled(e.model(), e.version());
        }
      }
    }
  }

  /**
   * Runs {@code append} (which stores labels durably and returns their log positions) and counts each label in
   * the bucket and version of the prediction it belongs to, as one step with respect to checkpoints. A label
   * whose prediction is not there yet waits for it; a label replacing an earlier one takes that one out first.
   *
   * @return how many (label, prediction) pairs were counted now
   */
  public int labels(List<LabelEvent> batch, Supplier<long[]> append) {
    long stamp = gate.readLock();
    try {
      long[] seqs = append.get();
      return labels.join(batch, seqs, clock.millis());
    } finally {
      gate.unlockRead(stamp);
    }
  }

  /** The join itself; recovery calls it directly for the labels logged after the checkpoint. */
  public int join(List<LabelEvent> batch, long[] seqs, long receivedMillis) {
    return labels.join(batch, seqs, receivedMillis);
  }

  /** What became of a batch of outcomes. */
  public record OutcomeResult(List<Integer> withoutPrediction, int counted, int repeated) {}

  /**
   * Counts business outcomes in the bucket and version of their predictions. An outcome whose prediction is not
   * stored is not accepted ({@code withoutPrediction}: positions in {@code outcomes}); the others are stored by
   * {@code append} (which returns their log positions, 0 for a repeat of a stored one) and counted, as one step
   * with respect to checkpoints.
   */
  public OutcomeResult outcomes(List<OutcomeEvent> outcomes, Function<List<OutcomeEvent>, long[]> append) {
    long stamp = gate.readLock();
    try {
      return labels.outcomes(outcomes, append);
    } finally {
      gate.unlockRead(stamp);
    }
  }

  /** Counts an outcome read back from the log (recovery). */
  public void replayOutcome(OutcomeEvent o) {
    labels.replayOutcome(o);
  }

  /** Restores the labels that were waiting at the checkpoint (before the events after it are replayed). */
  public void restoreWaiting(List<io.vigil.server.storage.LabelStore.StoredLabel> stored) {
    labels.restoreWaiting(stored);
  }

  /** Labels waiting for their prediction now. */
  public int waitingLabels() {
    return labels.waiting();
  }

  /** The minute profile of the deltas that counts what happened at {@code millis} for a model version. */
  private WindowProfile delta(String model, String version, long millis) {
    return view.delta(key(model, version), Math.floorDiv(millis, MINUTE.toMillis()));
  }

  /** The merge of the buckets in [from, to) (whole minutes; see the class comment for old ranges). */
  public Optional<WindowProfile> window(String model, String version, Instant from, Instant to) {
    Merged m = merge(model, version, from, to, false);
    return m.objects == 0 ? Optional.empty() : Optional.of(m.profile);
  }

  /**
   * Like {@link #window}, with only the counts, performance parts and outcomes merged ({@link
   * WindowProfile#mergePerformanceOf}): for the performance API and its alert metrics, which read nothing else. When
   * one stored profile makes up the whole range (a day of a daily series, say), that profile itself is returned, not
   * a copy: read it, do not change it.
   */
  public Optional<WindowProfile> performanceWindow(String model, String version, Instant from, Instant to) {
    Merged m = merge(model, version, from, to, true);
    return m.objects == 0 ? Optional.empty() : Optional.of(m.profile);
  }

  /**
   * Checks the query cache's size setting (the system property {@code vigil.profile-cache-mib}) before a server
   * starts, so that a bad value is a usage error naming it.
   *
   * @throws IllegalArgumentException when it is set to something other than 0 to 65,536 MiB
   */
  public static void checkCacheSetting() {
    ProfileCache.defaultBudget();
  }

  /** A merged range and how many profiles went into it. */
  record Merged(WindowProfile profile, int objects) {}

  Merged merge(String model, String version, Instant from, Instant to) {
    return merge(model, version, from, to, false);
  }

  /** A range of time, [from, to). */
  public record Span(Instant from, Instant to) {}

  /**
   * The range a merge of [from, to) reads: widened to whole minutes, and to whole hours when longer than
   * {@link #HOUR_DETAIL_BEYOND} or older than the minute profiles' retention.
   */
  public Span covered(Instant from, Instant to) {
    return ranges.covered(from, to);
  }

  private Merged merge(String model, String version, Instant from, Instant to, boolean performanceOnly) {
    Span span = covered(from, to);
    long f = span.from().toEpochMilli();
    long t = span.to().toEpochMilli();
    String k = key(model, version);
    return view.merge(k, f, t, () -> series.contains(k) || store.shared()   // a shared store has others' series
        ? ranges.plan(model, version, f, t) : List.of(), performanceOnly);
  }

  /**
   * Merges the deltas into the stored profiles and records the log position they include, in one transaction.
   * Returns the number of stored profiles written. On failure the deltas are kept for the next try.
   */
  public synchronized int checkpoint() {
    return checkpoints.write();
  }

  /**
   * Deletes what retention no longer keeps: minute profiles after {@code minute_profiles}, hour and day profiles
   * after {@code profiles}, raw events and the labels and outcomes received with them after {@code events} (only
   * those a checkpoint already includes).
   */
  public synchronized void retain() {
    long now = clock.millis();
    ProfileStore.Checkpoint checkpoint = store.checkpoint();
    int events = store.deleteEventsBefore(now - retention.events().toMillis(), checkpoint.position())
        + store.deleteLabelsBefore(now - retention.events().toMillis(), checkpoint.labelPosition());
    int profiles = view.delete(() ->
        store.deleteProfilesBefore(Resolution.MINUTE, now - retention.minuteProfiles().toMillis())
        + store.deleteProfilesBefore(Resolution.HOUR, now - retention.profiles().toMillis())
        + store.deleteProfilesBefore(Resolution.DAY, now - retention.profiles().toMillis()));
    if (events + profiles > 0) {
      LOG.info("retention removed {} events, labels and outcomes, and {} profiles", events, profiles);
    }
  }

  /** Versions with traffic for a model, sorted. */
  public List<String> versions(String model) {
    String prefix = model + '\u0000';
    Set<String> out = new TreeSet<>();
    series.stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.add(k.substring(prefix.length())));
    if (store.shared()) {
      store.series((m, v) -> {
        if (m.equals(model)) {
          out.add(v);
        }
      });
    }
    return new ArrayList<>(out);
  }

  /** Stops the background work and writes a last checkpoint, so the next start replays nothing. */
  @Override
  public void close() {
    housekeeping.stop();
    checkpoint();
  }

  static long minuteOf(Instant t) {
    return Math.floorDiv(t.toEpochMilli(), MINUTE.toMillis());
  }

  private static String key(String model, String version) {
    return ProfileView.key(model, version);
  }
}
