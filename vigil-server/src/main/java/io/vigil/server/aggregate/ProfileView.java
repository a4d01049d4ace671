package io.vigil.server.aggregate;

import io.vigil.profile.ProfileCodec;
import io.vigil.profile.WindowProfile;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.ProfileStore.Key;
import io.vigil.server.storage.ProfileStore.Resolution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What queries see of the profiles: the stored ones (through a {@link ProfileCache}) and the <em>deltas</em>, the
 * minute profiles counted since the last checkpoint, by series ({@code model \0 version}) and minute.
 *
 * <p>A checkpoint {@linkplain #swap swaps} the deltas for empty ones, {@linkplain #rollUp merges} them into the
 * stored minute, hour and day profiles they change, and {@linkplain #commit commits}. Until the commit, queries read
 * the swapped deltas ("flushing") beside the stored profiles; the commit writes the store and drops them under the
 * write side of one lock, so a query sees each event exactly once, before, during and after.
 *
 * <pre>{@code
 * Map<String, NavigableMap<Long, WindowProfile>> swapped = view.swap();   // under the ingest gate
 * ProfileView.RolledUp r = view.rollUp(swapped);                          // outside it: ingest goes on
 * view.commit(r, () -> store.writeCheckpoint(checkpoint, r.bytes(), positions));
 * }</pre>
 */
final class ProfileView {

  /** Bucket width of the deltas and of the finest stored profiles, in milliseconds. */
  private static final long MINUTE_MILLIS = Aggregator.MINUTE.toMillis();

  /** The stored profiles a checkpoint changes, merged with its deltas, and their encodings. */
  record RolledUp(Map<Key, WindowProfile> profiles, Map<Key, byte[]> bytes) {}

  private final EventStore store;
  /** Queries hold the read side; a checkpoint commits and swaps what queries see under the write side. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile Map<String, NavigableMap<Long, WindowProfile>> deltas = new ConcurrentHashMap<>();
  private volatile Map<String, NavigableMap<Long, WindowProfile>> flushing = Map.of();
  private final ProfileCache cache = new ProfileCache(ProfileCache.defaultBudget());

  ProfileView(EventStore store) {
    this.store = store;
  }

  static String key(String model, String version) {
    return model + '\u0000' + version;
  }

  static String[] split(String key) {
    int at = key.indexOf('\u0000');
    return new String[] {key.substring(0, at), key.substring(at + 1)};
  }

  /**
   * The deltas' profile of a series for a minute (minutes since the epoch), made when missing. Callers hold the
   * ingest gate's read side, so no checkpoint swaps the deltas meanwhile.
   */
  WindowProfile delta(String series, long minute) {
    return deltas.computeIfAbsent(series, x -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(minute, x -> new WindowProfile());
  }

  /**
   * The merge of the stored profiles {@code plan} names (asked under the read side, so that no commit falls between
   * the plan and the deltas) and of the series' deltas in [f, t) (epoch milliseconds, whole minutes).
   * {@code performanceOnly}: merge only counts, performance parts and outcomes; then a range made of one stored
   * profile and no deltas returns that profile itself, not a copy.
   */
  Aggregator.Merged merge(String series, long f, long t, Supplier<List<Key>> plan, boolean performanceOnly) {
    WindowProfile merged = new WindowProfile();
    int objects = 0;
    lock.readLock().lock();
    try {
      WindowProfile only = null;
      for (Key stored : plan.get()) {
        WindowProfile p = stored(stored, performanceOnly);
        if (p != null) {
          if (objects == 1) {
            add(merged, only, performanceOnly);
          }
          if (objects++ == 0) {
            only = p;
          } else {
            add(merged, p, performanceOnly);
          }
        }
      }
      if (objects == 1) {
        if (performanceOnly && !hasDeltas(series, f, t)) {
          return new Aggregator.Merged(only, 1);   // read-only use: no copy
        }
        add(merged, only, performanceOnly);
      }
      for (Map<String, NavigableMap<Long, WindowProfile>> source : List.of(flushing, deltas)) {
        NavigableMap<Long, WindowProfile> minutes = source.get(series);
        if (minutes != null) {
          for (WindowProfile minute : minutes.subMap(f / MINUTE_MILLIS, true, t / MINUTE_MILLIS, false).values()) {
            synchronized (minute) {
              add(merged, minute, performanceOnly);
            }
            objects++;
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return new Aggregator.Merged(merged, objects);
  }

  /** Whether minutes not yet checkpointed fall in [f, t). Callers hold the read side. */
  private boolean hasDeltas(String series, long f, long t) {
    for (Map<String, NavigableMap<Long, WindowProfile>> source : List.of(flushing, deltas)) {
      NavigableMap<Long, WindowProfile> minutes = source.get(series);
      if (minutes != null && !minutes.subMap(f / MINUTE_MILLIS, true, t / MINUTE_MILLIS, false).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static void add(WindowProfile merged, WindowProfile p, boolean performanceOnly) {
    if (performanceOnly) {
      merged.mergePerformanceOf(p);
    } else {
      merged.merge(p);
    }
  }

  /**
   * A stored profile through the cache; null when the store has none. {@code performanceOnly}: its performance view
   * is enough (the whole profile when that is cached, else the view, decoded and cached apart). Callers hold the
   * read side.
   */
  private WindowProfile stored(Key key, boolean performanceOnly) {
    Function<byte[], WindowProfile> decode = performanceOnly ? ProfileCodec::decodeWindowPerformance
        : ProfileCodec::decodeWindow;
    if (store.shared()) {   // other instances write to it: a cached merge would go stale
      return store.profile(key).map(decode).orElse(null);
    }
    WindowProfile hit = performanceOnly ? cache.forPerformance(key) : cache.whole(key);
    if (hit != null) {
      return hit;
    }
    Optional<byte[]> bytes = store.profile(key);
    if (bytes.isEmpty()) {
      return null;
    }
    WindowProfile p = decode.apply(bytes.get());
    if (!cache.admits(key, bytes.get().length)) {
      return p;
    }
    if (performanceOnly) {
      cache.putView(key, p, bytes.get().length);
    } else {
      cache.putWhole(key, p, bytes.get().length);
    }
    return p;
  }

  /**
   * Swaps the deltas for empty ones and returns them; queries go on seeing them until {@link #commit} or {@link
   * #restore}. Null, and nothing swapped, when there are none. Callers hold the ingest gate's write side.
   */
  Map<String, NavigableMap<Long, WindowProfile>> swap() {
    lock.writeLock().lock();
    try {
      if (deltas.isEmpty()) {
        return null;
      }
      flushing = deltas;
      deltas = new ConcurrentHashMap<>();
      return flushing;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The stored minute, hour and day profiles that {@code swapped} changes, each merged with its part of them (from
   * the cache when it holds the profile, else read from the store). Nothing changes until {@link #commit}.
   */
  RolledUp rollUp(Map<String, NavigableMap<Long, WindowProfile>> swapped) {
    Map<Key, WindowProfile> sums = new HashMap<>();
    swapped.forEach((series, minutes) -> {
      String[] mv = split(series);
      minutes.forEach((minute, p) -> {
        long at = minute * MINUTE_MILLIS;
        for (Resolution r : Resolution.values()) {
          sums.computeIfAbsent(new Key(mv[0], mv[1], r, r.floor(at)), x -> new WindowProfile()).merge(p);
        }
      });
    });
    Map<Key, WindowProfile> updated = new HashMap<>();
    Map<Key, byte[]> bytes = new HashMap<>();
    sums.forEach((key, delta) -> {
      WindowProfile base = store.shared() ? null : cache.whole(key);
      base = base != null ? base.copy()
          : store.ownProfile(key).map(ProfileCodec::decodeWindow).orElseGet(WindowProfile::new);
      base.merge(delta);
      updated.put(key, base);
      bytes.put(key, ProfileCodec.encode(base));
    });
    return new RolledUp(updated, bytes);
  }

  /**
   * Runs {@code write} (the store's checkpoint transaction) under the write side; once it returns, queries see the
   * rolled-up profiles instead of the swapped deltas. If it throws, nothing changes: {@link #restore} them.
   */
  void commit(RolledUp rolledUp, Runnable write) {
    lock.writeLock().lock();
    try {
      write.run();
      if (!store.shared()) {
        rolledUp.profiles().forEach((key, p) -> cache.checkpointed(key, p, rolledUp.bytes().get(key).length,
            key.resolution() != Resolution.MINUTE));
      }
      flushing = Map.of();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Puts deltas swapped out by a checkpoint that failed back. Callers hold the ingest gate's write side. */
  void restore(Map<String, NavigableMap<Long, WindowProfile>> swapped) {
    lock.writeLock().lock();
    try {
      swapped.forEach((series, minutes) -> minutes.forEach((minute, p) -> deltas
          .computeIfAbsent(series, x -> new ConcurrentSkipListMap<>()).merge(minute, p, WindowProfile::merge)));
      flushing = Map.of();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code delete} (retention of stored profiles) under the write side, and empties the cache. */
  int delete(IntSupplier delete) {
    lock.writeLock().lock();
    try {
      return delete.getAsInt();
    } finally {
      cache.clear();
      lock.writeLock().unlock();
    }
  }
}
