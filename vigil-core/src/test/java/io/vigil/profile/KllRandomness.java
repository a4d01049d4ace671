package io.vigil.profile;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;

/**
 * Makes KLL's compaction coin flips reproducible in tests. DataSketches 6.2.0 draws them from a static, unseeded
 * {@code KllSketch.random}; seeding it turns a 99%-confidence bound into a deterministic test (CONVENTIONS habit 10).
 * If a DataSketches upgrade renames the field this fails loudly rather than leaving the tests silently unseeded.
 */
final class KllRandomness {

  private KllRandomness() {
  }

  static void seed(long seed) {
    try {
      Field field = KllSketch.class.getDeclaredField("random");
      field.setAccessible(true);
      ((Random) field.get(null)).setSeed(seed);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new AssertionError("cannot seed KllSketch.random; update KllRandomness for this DataSketches version", e);
    }
  }
}
