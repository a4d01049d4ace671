package io.vigil.client;

import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/** Seeded, reproducible prediction ids for tests: the same seed gives the same sequence. */
final class TestIds implements Supplier<UUID> {
  private final Random random;

  TestIds(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public synchronized UUID get() {
    return new UUID(random.nextLong(), random.nextLong());
  }
}
