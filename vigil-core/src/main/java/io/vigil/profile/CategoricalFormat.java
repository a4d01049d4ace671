package io.vigil.profile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The body of a serialized {@link CategoricalProfile}; the layout is documented in {@link ProfileCodec}. */
final class CategoricalFormat {

  private static final int EXACT = 0;
  private static final int SKETCH = 1;
  /** Smallest exact entry: a 4-byte length, at least one UTF-8 byte, an 8-byte count. */
  private static final int MIN_ENTRY_BYTES = 13;

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
      byte[] image = profile.sketch().toByteArray();
      out.writeInt(image.length);
      out.writeBytes(image);
    }
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
    FrequentCategories sketch = FrequentCategories.read(in.readBytes(length, "sketch"), at, mapSize, valid);
    return new CategoricalProfile(counts, options, null, sketch);
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
}
