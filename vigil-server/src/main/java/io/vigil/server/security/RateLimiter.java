package io.vigil.server.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-token request rate limits: a token bucket per token name that refills at the token's rate and holds one
 * second's worth (at least one request), so a client may burst briefly but not sustain more than its rate.
 *
 * <pre>{@code
 * RateLimiter limits = new RateLimiter(System::nanoTime);
 * long wait = limits.acquire("model-server", 100);   // 0: go ahead; else nanoseconds until a request is allowed
 * }</pre>
 */
final class RateLimiter {

  private static final long SECOND = 1_000_000_000L;

  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Takes one request from {@code key}'s bucket; returns 0, or how many nanoseconds until one is available. */
  long acquire(String key, double perSecond) {
    return buckets.computeIfAbsent(key, k -> new Bucket(perSecond, nanoTime.getAsLong())).take(nanoTime.getAsLong());
  }

  private static final class Bucket {
    private final double perSecond;
    private final double capacity;
    private double available;
    private long last;

    Bucket(double perSecond, long now) {
      this.perSecond = perSecond;
      this.capacity = Math.max(1, perSecond);
      this.available = capacity;
      this.last = now;
    }

    synchronized long take(long now) {
      available = Math.min(capacity, available + (now - last) * perSecond / SECOND);
      last = now;
      if (available >= 1) {
        available -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - available) * SECOND / perSecond);
    }
  }
}
