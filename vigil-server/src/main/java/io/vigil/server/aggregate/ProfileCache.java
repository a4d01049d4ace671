package io.vigil.server.aggregate;

import io.vigil.profile.WindowProfile;
import io.vigil.server.storage.ProfileStore.Key;
import io.vigil.server.storage.ProfileStore.Resolution;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Decoded stored profiles for queries (dashboards ask for the same ranges over and over): whole profiles, and
 * performance views ({@link io.vigil.profile.ProfileCodec#decodeWindowPerformance}) for the keys whose whole profile
 * is not here. Least recently used first out, bounded by the size of the entries' encoded bytes, not by their
 * number: a minute of 20 busy features holds full sketches, about a megabyte, so a count bound of a few hundred
 * entries could hold most of the heap.
 *
 * <pre>{@code
 * ProfileCache cache = new ProfileCache(ProfileCache.defaultBudget());
 * cache.putWhole(key, profile, bytes.length);
 * WindowProfile p = cache.forPerformance(key);   // the whole profile serves a performance query too
 * }</pre>
 */
final class ProfileCache {

  private static final long MIB = 1 << 20;

  /** A slot: a key's whole profile or its performance view. */
  private record Slot(Key key, boolean view) {}

  private record Entry(WindowProfile profile, long bytes) {}

  private final long budget;
  private final LinkedHashMap<Slot, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  ProfileCache(long budgetBytes) {
    this.budget = budgetBytes;
  }

  /** The system property that sets the budget in MiB ({@code VIGIL_JAVA_OPTS=-Dvigil.profile-cache-mib=64}). */
  static final String BUDGET_PROPERTY = "vigil.profile-cache-mib";

  /**
   * A sixty-fourth of the heap's limit, between 16 and 256 MiB of encoded profiles: with a 1 GiB heap, 30 days of
   * day and hour profiles of a model with a few features, or the last 35 minutes of one with 20 busy features. The
   * system property {@value #BUDGET_PROPERTY} overrides it (0 turns the cache off, which benchmarks of cold queries
   * use).
   *
   * @throws IllegalArgumentException when the property is not a whole number of MiB from 0 to 65,536
   */
  static long defaultBudget() {
    if (System.getProperty(BUDGET_PROPERTY) != null) {
      return io.vigil.server.config.JvmSetting.wholeNumber(BUDGET_PROPERTY, "MiB", 0, 65_536, 0) * MIB;
    }
    return Math.max(16 * MIB, Math.min(256 * MIB, Runtime.getRuntime().maxMemory() / 64));
  }

  /**
   * Whether a profile a query read is worth caching: hour and day profiles always (few, and read by many ranges);
   * a minute profile only when it takes at most a sixty-fourth of the budget. The last hour of a busy model is 60
   * minute profiles of about 460 KB each (20 features with full sketches), more than the default 16 MiB, and
   * {@code /metrics} reads that hour on every scrape: in a least-recently-used cache such a cyclic scan would push
   * out everything else, hit nothing, and keep filling the heap for the first hour of a server's life.
   */
  boolean admits(Key key, long encodedBytes) {
    return key.resolution() != Resolution.MINUTE || encodedBytes <= budget / 64;
  }

  synchronized WindowProfile whole(Key key) {
    Entry e = entries.get(new Slot(key, false));
    return e == null ? null : e.profile();
  }

  /** The whole profile when it is here, else the performance view; null when neither is. */
  synchronized WindowProfile forPerformance(Key key) {
    WindowProfile whole = whole(key);
    if (whole != null) {
      return whole;
    }
    Entry e = entries.get(new Slot(key, true));
    return e == null ? null : e.profile();
  }

  /** Adds or replaces a whole profile ({@code encodedBytes} long when stored); its view, if any, goes. */
  synchronized void putWhole(Key key, WindowProfile profile, long encodedBytes) {
    drop(new Slot(key, true));
    put(new Slot(key, false), new Entry(profile, encodedBytes));
  }

  /**
   * What a checkpoint does with a profile it rewrote: replaces the cached whole profile, or caches it anew when
   * {@code add}; otherwise only drops the key's performance view, which no longer matches the store. Checkpoints add
   * the hour and day profiles they will merge into again, not every new minute: ingest alone would otherwise fill
   * the cache with minutes no one asked for and push out what queries read.
   */
  synchronized void checkpointed(Key key, WindowProfile profile, long encodedBytes, boolean add) {
    if (add || entries.containsKey(new Slot(key, false))) {
      putWhole(key, profile, encodedBytes);
    } else {
      drop(new Slot(key, true));
    }
  }

  synchronized void putView(Key key, WindowProfile view, long encodedBytes) {
    put(new Slot(key, true), new Entry(view, encodedBytes));
  }

  synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  /** Encoded bytes of the entries held now. */
  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return entries.size();
  }

  private void put(Slot slot, Entry entry) {
    drop(slot);
    entries.put(slot, entry);
    bytes += entry.bytes();
    Iterator<Entry> oldest = entries.values().iterator();
    while (bytes > budget && oldest.hasNext()) {
      bytes -= oldest.next().bytes();
      oldest.remove();
    }
  }

  private void drop(Slot slot) {
    Entry old = entries.remove(slot);
    if (old != null) {
      bytes -= old.bytes();
    }
  }
}
