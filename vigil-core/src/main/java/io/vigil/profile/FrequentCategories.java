package io.vigil.profile;

import io.vigil.drift.CategoryDistribution;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The sketch mode of a {@link CategoricalProfile}: a DataSketches {@code ItemsSketch<String>} of a fixed map size,
 * with the two things DataSketches does not give: a distribution whose total is exact (lower bounds plus
 * {@link CategoryDistribution#OTHER}) and a canonical, validated serialized image.
 *
 * <p>Invariants: the sketch's maximum map size is {@link #mapSize()}; its stream length is the number of rows it
 * counted.
 */
final class FrequentCategories {

  private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();
  /** DataSketches' frequent-items image: 4 preamble longs, then counters, then length-prefixed items. */
  private static final int ITEMS_PREAMBLE_BYTES = 32;
  private static final int FREQUENCY_FAMILY = 10;

  private final ItemsSketch<String> sketch;
  private final int mapSize;

  private FrequentCategories(ItemsSketch<String> sketch, int mapSize) {
    this.sketch = sketch;
    this.mapSize = mapSize;
  }

  /** A sketch of the given map size holding {@code counts} (fed in the order given, for reproducible purges). */
  static FrequentCategories of(int mapSize, List<Map.Entry<String, Long>> counts) {
    FrequentCategories categories = new FrequentCategories(new ItemsSketch<>(mapSize), mapSize);
    categories.addAll(counts);
    return categories;
  }

  void add(String category, long weight) {
    sketch.update(category, weight);
  }

  void addAll(List<Map.Entry<String, Long>> counts) {
    counts.forEach(e -> sketch.update(e.getKey(), e.getValue()));
  }

  /** Adds the other's counts; the error bounds add. */
  void merge(FrequentCategories other) {
    sketch.merge(other.sketch);
  }

  /** This sketch if its map is already {@code mapSize}, else a copy re-counted into a map of that (smaller) size. */
  FrequentCategories withMapSize(int mapSize) {
    if (this.mapSize == mapSize) {
      return this;
    }
    ItemsSketch<String> smaller = new ItemsSketch<>(mapSize);
    smaller.merge(sketch);
    return new FrequentCategories(smaller, mapSize);
  }

  FrequentCategories copy() {
    return new FrequentCategories(ItemsSketch.getInstance(SketchMemory.wrap(SketchMemory.image(sketch, SERDE)), SERDE), mapSize);
  }

  /** The tracked categories at their lower bounds, most frequent first, the rest of {@code valid} as OTHER. */
  CategoryDistribution distribution(long valid) {
    Map<String, Long> lowerBounds = new HashMap<>();
    long rest = valid;
    for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
      lowerBounds.put(row.getItem(), row.getLowerBound());
      rest -= row.getLowerBound();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    CategoricalProfile.sortedByCount(lowerBounds).forEach(e -> counts.put(e.getKey(), e.getValue()));
    if (rest > 0) {
      counts.merge(CategoryDistribution.OTHER, rest, Long::sum);
    }
    return CategoryDistribution.estimated(counts, maximumError());
  }

  /** How far below its true count any category's lower bound may be. */
  long maximumError() {
    return sketch.getMaximumError();
  }

  long streamLength() {
    return sketch.getStreamLength();
  }

  int mapSize() {
    return mapSize;
  }

  /** Tracked categories of an {@code ItemsSketch} of the given map size (its load factor is 3/4). */
  static int capacityOf(int mapSize) {
    return (int) (mapSize * 0.75);
  }

  /**
   * The sketch's DataSketches image with its (counter, item) pairs sorted by the items' UTF-8 bytes. DataSketches
   * writes them in hash-map order, which depends on the map's history (a restored sketch has another), so without
   * this {@code encode(decode(bytes))} would differ from {@code bytes}.
   */
  byte[] toByteArray() {
    byte[] image = SketchMemory.image(sketch, SERDE);
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int active = b.getInt(8);
    long[] counters = new long[active];
    byte[][] items = new byte[active][];
    int position = ITEMS_PREAMBLE_BYTES + 8 * active;
    for (int i = 0; i < active; i++) {
      counters[i] = b.getLong(ITEMS_PREAMBLE_BYTES + 8 * i);
      items[i] = new byte[b.getInt(position)];
      b.get(position + 4, items[i]);
      position += 4 + items[i].length;
    }
    Integer[] order = new Integer[active];
    for (int i = 0; i < active; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(items[x], items[y]));
    position = ITEMS_PREAMBLE_BYTES + 8 * active;
    for (int i = 0; i < active; i++) {
      b.putLong(ITEMS_PREAMBLE_BYTES + 8 * i, counters[order[i]]);
      b.putInt(position, items[order[i]].length);
      b.put(position + 4, items[order[i]]);
      position += 4 + items[order[i]].length;
    }
    return image;
  }

  /**
   * Walks the image's layout before DataSketches reads it: {@code ItemsSketch.getInstance} sizes its arrays from the
   * preamble and each item from its length prefix, so forged values there must never reach it.
   */
  static FrequentCategories read(byte[] image, int at, int mapSize, long valid) {
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    if (image.length < ITEMS_PREAMBLE_BYTES || (image[0] & 0x3f) != 4 || image[1] != 1
        || image[2] != FREQUENCY_FAMILY) {
      throw new ProfileFormatException(at, "the sketch is not a non-empty frequent-items image");
    }
    int lgMax = image[3];
    int lgCur = image[4];
    if (lgMax != Integer.numberOfTrailingZeros(mapSize) || lgCur < 3 || lgCur > lgMax) {
      throw new ProfileFormatException(at + 3, "the frequent-items map sizes 2^" + lgMax + " (max) and 2^" + lgCur
          + " (current) do not fit the profile's map size " + mapSize);
    }
    int active = b.getInt(8);
    if (active < 1 || active > capacityOf(1 << lgCur)
        || ITEMS_PREAMBLE_BYTES + 8L * active > image.length) {
      throw new ProfileFormatException(at + 8, active + " active items do not fit a map of 2^" + lgCur);
    }
    int position = ITEMS_PREAMBLE_BYTES + 8 * active;
    int previous = -1;
    for (int i = 0; i < active; i++) {
      int length = position + 4 <= image.length ? b.getInt(position) : -1;
      if (length < 0 || length > image.length - position - 4) {
        throw new ProfileFormatException(at + position, "item " + i + " of the frequent-items image is truncated");
      }
      if (previous >= 0 && Arrays.compareUnsigned(image, previous + 4, previous + 4 + b.getInt(previous), image,
          position + 4, position + 4 + length) >= 0) {
        throw new ProfileFormatException(at + position, "item " + i + " of the frequent-items image is out of order");
      }
      previous = position;
      position += 4 + length;
    }
    if (position != image.length) {
      throw new ProfileFormatException(at + position, "unexpected bytes after the frequent-items image");
    }
    ItemsSketch<String> sketch;
    try {
      sketch = ItemsSketch.getInstance(SketchMemory.wrap(image), SERDE);
    } catch (RuntimeException e) {
      throw new ProfileFormatException(at, "the frequent-items image does not parse: " + e.getMessage(), e);
    }
    long kept = 0;
    for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
      kept += row.getLowerBound();
      if (row.getLowerBound() < 1 || row.getItem().isEmpty() || kept > valid) {
        throw new ProfileFormatException(at, "the frequent-items counts disagree with the " + valid + " valid rows");
      }
    }
    long error = sketch.getMaximumError();
    if (sketch.getStreamLength() != valid || sketch.getNumActiveItems() != active || error < 0 || error > valid) {
      throw new ProfileFormatException(at, "the frequent-items sketch of " + sketch.getStreamLength()
          + " rows, error " + error + ", does not describe the " + valid + " valid rows");
    }
    return new FrequentCategories(sketch, mapSize);
  }
}
