package io.vigil.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for events that arrive without one: version 7 UUIDs (RFC 9562), a millisecond timestamp followed by 74
 * random bits. They sort by creation time, so the store's unique index on ids grows at its end instead of at
 * random pages, and they come from {@link ThreadLocalRandom}: no global lock, unlike {@link UUID#randomUUID()}'s
 * {@code SecureRandom}. Event ids must be unique, not unguessable.
 *
 * <pre>{@code
 * String id = EventIds.next();   // "019ad8a4-6f1e-7c3b-9a52-3d1e5f7a0b12"
 * }</pre>
 */
public final class EventIds {

  private EventIds() {
  }

  public static String next() {
    return next(System.currentTimeMillis(), ThreadLocalRandom.current());
  }

  static String next(long epochMillis, java.util.random.RandomGenerator random) {
    long most = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}
