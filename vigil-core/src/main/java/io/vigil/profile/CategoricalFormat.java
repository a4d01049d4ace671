package io.vigil.profile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/** The body of a serialized {@link CategoricalProfile}; the layout is documented in {@link ProfileCodec}. */
final class CategoricalFormat {

  private static final int EXACT = 0;
  private static final int SKETCH = 1;
  /** Smallest exact entry: a 4-byte length, at least one UTF-8 byte, an 8-byte count. */
  private static final int MIN_ENTRY_BYTES = 13;
  /** DataSketches' frequent-items image: 4 preamble longs, then counters, then length-prefixed items. */
  private static final int ITEMS_PREAMBLE_BYTES = 32;
  private static final int FREQUENCY_FAMILY = 10;

  private CategoricalFormat() {
  }

  static void write(ByteWriter out, CategoricalProfile profile) {
    RowCounts counts = profile.rowCounts();
    out.writeLong(counts.count());
    out.writeLong(counts.missing());
    out.writeLong(counts.typeErrors());
    out.writeInt(profile.options().maxExactCategories());
    out.writeInt(profile.options().sketchMapSize());
    List<Map.Entry<String, Long>> entries = profile.exactEntries();
    if (entries != null) {
      out.writeByte(EXACT);
      out.writeInt(entries.size());
      for (Map.Entry<String, Long> e : entries) {
        byte[] utf8 = e.getKey().getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.writeBytes(utf8);
        out.writeLong(e.getValue());
      }
    } else {
      out.writeByte(SKETCH);
      byte[] image = canonical(profile.sketch().toByteArray(CategoricalProfile.SERDE));
      out.writeInt(image.length);
      out.writeBytes(image);
    }
  }

  /**
   * Rewrites a frequent-items image with its (counter, item) pairs sorted by the items' UTF-8 bytes. DataSketches
   * writes them in hash-map order, which depends on the map's history (a restored sketch has another), so without
   * this {@code encode(decode(bytes))} would differ from {@code bytes}.
   */
  private static byte[] canonical(byte[] image) {
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

  static CategoricalProfile read(ByteReader in) {
    int countAt = in.position();
    long count = in.readCount("count");
    long missing = in.readCount("missing");
    long typeErrors = in.readCount("type errors");
    long valid = count - missing - typeErrors;
    if (valid < 0 || missing + typeErrors < 0) {
      throw new ProfileFormatException(countAt, "count " + count + " is less than missing " + missing
          + " + type errors " + typeErrors);
    }
    RowCounts counts = new RowCounts(count, missing, 0, typeErrors);
    int cap = in.readInt("max exact categories");
    if (cap < 1 || cap > CategoricalProfile.MAX_EXACT_CATEGORIES) {
      throw in.fail("max exact categories " + cap + " is outside [1, " + CategoricalProfile.MAX_EXACT_CATEGORIES + "]");
    }
    int mapSize = in.readInt("sketch map size");
    if (mapSize < 8 || mapSize > CategoricalProfile.MAX_SKETCH_MAP_SIZE || Integer.bitCount(mapSize) != 1) {
      throw in.fail("sketch map size " + mapSize + " is not a power of two in [8, "
          + CategoricalProfile.MAX_SKETCH_MAP_SIZE + "]");
    }
    CategoricalProfile.Options options = new CategoricalProfile.Options(cap, mapSize);
    int mode = in.readByte("mode");
    if (mode == EXACT) {
      return new CategoricalProfile(counts, options, readExact(in, cap, valid, countAt), null);
    }
    if (mode != SKETCH) {
      throw in.fail("mode " + mode + " is neither 0 (exact) nor 1 (sketch)");
    }
    if (valid <= cap) {
      throw in.fail("sketch mode with " + valid + " valid rows, not more than the cap of " + cap + " categories");
    }
    int length = in.readLength("sketch length", 1);
    int at = in.position();
    return new CategoricalProfile(counts, options, null, readSketch(in.readBytes(length, "sketch"), at, mapSize, valid));
  }

  private static Map<String, Long> readExact(ByteReader in, int cap, long valid, int countAt) {
    int n = in.readLength("number of categories", MIN_ENTRY_BYTES);
    if (n > cap) {
      throw in.fail(n + " exact categories exceed the cap of " + cap);
    }
    Map<String, Long> exact = new HashMap<>();
    String previous = null;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      int length = in.readLength("category length", 1);
      if (length == 0) {
        throw in.fail("category " + i + " is empty; empty values are counted as missing");
      }
      String category = decodeUtf8(in.readBytes(length, "category"), in);
      if (previous != null && previous.compareTo(category) >= 0) {
        throw in.fail("category '" + category + "' is out of the canonical ascending order");
      }
      long c = in.readCount("category count");
      if (c == 0) {
        throw in.fail("category '" + category + "' has a zero count");
      }
      sum += c;
      if (sum < 0 || sum > valid) {
        throw in.fail("category counts exceed the " + valid + " valid rows");
      }
      exact.put(category, c);
      previous = category;
    }
    if (sum != valid) {
      throw new ProfileFormatException(countAt, "category counts sum to " + sum + ", not the " + valid
          + " valid rows");
    }
    return exact;
  }

  private static String decodeUtf8(byte[] utf8, ByteReader in) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw in.fail("category is not valid UTF-8");
    }
  }

  /**
   * Walks the image's layout before DataSketches reads it: {@code ItemsSketch.getInstance} sizes its arrays from the
   * preamble and each item from its length prefix, so forged values there must never reach it.
   */
  private static ItemsSketch<String> readSketch(byte[] image, int at, int mapSize, long valid) {
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    if (image.length < ITEMS_PREAMBLE_BYTES || (image[0] & 0x3f) != 4 || image[1] != 1 || image[2] != FREQUENCY_FAMILY) {
      throw new ProfileFormatException(at, "the sketch is not a non-empty frequent-items image");
    }
    int lgMax = image[3];
    int lgCur = image[4];
    if (lgMax != Integer.numberOfTrailingZeros(mapSize) || lgCur < 3 || lgCur > lgMax) {
      throw new ProfileFormatException(at + 3, "the frequent-items map sizes 2^" + lgMax + " (max) and 2^" + lgCur
          + " (current) do not fit the profile's map size " + mapSize);
    }
    int active = b.getInt(8);
    if (active < 1 || active > CategoricalProfile.capacityOf(1 << lgCur)
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
      sketch = ItemsSketch.getInstance(Memory.wrap(image), CategoricalProfile.SERDE);
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
    return sketch;
  }
}
