package io.vigil.server.aggregate;

import io.vigil.server.storage.ProfileStore;
import io.vigil.server.storage.ProfileStore.Key;
import io.vigil.server.storage.ProfileStore.Resolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which stored profiles answer a time range (the roll-ups of the {@link Aggregator}'s class comment): the range
 * widened to whole minutes, or to whole hours when it is long or reaches past the minute profiles' retention, then
 * whole days, whole hours around them and minutes at the edges.
 */
final class RangePlan {

  private final ProfileStore store;
  private final Clock clock;
  private final Duration minuteRetention;

  RangePlan(ProfileStore store, Clock clock, Duration minuteRetention) {
    this.store = store;
    this.clock = clock;
    this.minuteRetention = minuteRetention;
  }

  /** See {@link Aggregator#covered}. */
  Aggregator.Span covered(Instant from, Instant to) {
    long m = Aggregator.MINUTE.toMillis();
    long f = Math.floorDiv(from.toEpochMilli(), m) * m;
    long t = (Math.floorDiv(to.toEpochMilli() - 1, m) + 1) * m;
    long horizon = clock.millis() - minuteRetention.toMillis();
    if (t - f > Aggregator.HOUR_DETAIL_BEYOND.toMillis() || f < horizon) {
      f = Resolution.HOUR.floor(f);
    }
    if (t - f > Aggregator.HOUR_DETAIL_BEYOND.toMillis() || t < horizon) {
      t = Resolution.HOUR.ceil(t);
    }
    return new Aggregator.Span(Instant.ofEpochMilli(f), Instant.ofEpochMilli(t));
  }

  /** Stored profiles that make up [f, t) (epoch milliseconds, as {@link #covered} gives them). */
  List<Key> plan(String model, String version, long f, long t) {
    List<Key> keys = new ArrayList<>();
    long dayFrom = Resolution.DAY.ceil(f);
    long dayTo = Resolution.DAY.floor(t);
    if (dayFrom < dayTo) {
      hoursAndMinutes(model, version, f, dayFrom, keys);
      stored(model, version, Resolution.DAY, dayFrom, dayTo, keys);
      hoursAndMinutes(model, version, dayTo, t, keys);
    } else {
      hoursAndMinutes(model, version, f, t, keys);
    }
    return keys;
  }

  private void hoursAndMinutes(String model, String version, long f, long t, List<Key> keys) {
    long hourFrom = Resolution.HOUR.ceil(f);
    long hourTo = Resolution.HOUR.floor(t);
    if (hourFrom < hourTo) {
      stored(model, version, Resolution.MINUTE, f, hourFrom, keys);
      stored(model, version, Resolution.HOUR, hourFrom, hourTo, keys);
      stored(model, version, Resolution.MINUTE, hourTo, t, keys);
    } else {
      stored(model, version, Resolution.MINUTE, f, t, keys);
    }
  }

  private void stored(String model, String version, Resolution r, long f, long t, List<Key> keys) {
    if (f < t) {
      store.buckets(model, version, r, f, t).forEach(b -> keys.add(new Key(model, version, r, b)));
    }
  }
}
