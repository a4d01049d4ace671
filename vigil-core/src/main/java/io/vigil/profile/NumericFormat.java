package io.vigil.profile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/** The body of a serialized {@link NumericProfile}; the layout is documented in {@link ProfileCodec}. */
final class NumericFormat {

  /** DataSketches' family id of KLL, byte 2 of its image. */
  private static final int KLL_FAMILY = 15;
  /** The flag bit a KLL image sets once level 0 has been sorted; either way is valid. */
  private static final int LEVEL_ZERO_SORTED = 2;
  private static final int SAMPLE_ENTRY_BYTES = 16;

  private NumericFormat() {
  }

  static void write(ByteWriter out, NumericProfile profile) {
    RowCounts counts = profile.rowCounts();
    out.writeLong(counts.count());
    out.writeLong(counts.missing());
    out.writeLong(counts.nonFinite());
    out.writeLong(counts.typeErrors());
    ProfileCodec.writeMoments(out, profile.moments());
    out.writeInt(profile.sketchK());
    out.writeInt(profile.minSketchK());
    UniformSample sample = profile.uniformSample();
    out.writeInt(sample.capacity());
    out.writeLong(sample.seed());
    out.writeInt(sample.size());
    for (int i : sample.canonicalOrder()) {
      out.writeLong(sample.priority(i));
      out.writeDouble(sample.value(i));
    }
    // Canonical image: building a KLL sorted view sorts level 0 in place (and flags it), so a sketch that was
    // queried or validated is laid out differently from one that was not. Writing a sorted copy makes the bytes
    // independent of that history, and encode(decode(bytes)) == bytes.
    KllDoublesSketch canonical = NumericProfile.copyOf(profile.sketch());
    if (!canonical.isEmpty()) {
      canonical.getSortedView();
    }
    byte[] sketch = SketchMemory.image(canonical);
    out.writeInt(sketch.length);
    out.writeBytes(sketch);
  }

  static NumericProfile read(ByteReader in) {
    int countAt = in.position();
    RowCounts counts = new RowCounts(in.readCount("count"), in.readCount("missing"), in.readCount("non-finite"),
        in.readCount("type errors"));
    MomentsProfile moments = ProfileCodec.readMoments(in);
    long finite = moments.count();
    if (!addsUp(counts, finite)) {
      throw new ProfileFormatException(countAt, "count " + counts.count() + " is not missing " + counts.missing()
          + " + non-finite " + counts.nonFinite() + " + type errors " + counts.typeErrors() + " + finite " + finite);
    }
    int k = in.readInt("sketch k");
    if (k < 8 || k > KllSketch.MAX_K) {
      throw in.fail("sketch k " + k + " is outside [8, " + KllSketch.MAX_K + "]");
    }
    int minK = in.readInt("min sketch k");
    if (minK < 8 || minK > k) {
      throw in.fail("min sketch k " + minK + " is outside [8, " + k + "]");
    }
    int capacity = in.readInt("sample capacity");
    if (capacity < 1 || capacity > NumericProfile.MAX_SAMPLE_CAPACITY) {
      throw in.fail("sample capacity " + capacity + " is outside [1, " + NumericProfile.MAX_SAMPLE_CAPACITY + "]");
    }
    long seed = in.readLong("sample seed");
    int size = in.readLength("sample size", SAMPLE_ENTRY_BYTES);
    if (size != Math.min(capacity, finite)) {
      throw in.fail("sample size " + size + " is not min(capacity " + capacity + ", finite values " + finite + ")");
    }
    long[] priorities = new long[size];
    double[] values = new double[size];
    double min = finite == 0 ? 0 : moments.min();
    double max = finite == 0 ? 0 : moments.max();
    for (int i = 0; i < size; i++) {
      priorities[i] = in.readLong("sample priority");
      values[i] = in.readDouble("sample value");
      if (!(values[i] >= min && values[i] <= max)) {
        throw in.fail("sample value " + values[i] + " is outside [min " + min + ", max " + max + "]");
      }
      if (i > 0 && UniformSample.compare(priorities[i - 1], values[i - 1], priorities[i], values[i]) > 0) {
        throw in.fail("sample entry " + i + " is out of the canonical (priority, value) order");
      }
    }
    int sketchLength = in.readLength("sketch length", 1);
    int sketchAt = in.position();
    KllDoublesSketch sketch = readSketch(in.readBytes(sketchLength, "sketch"), sketchAt, k, moments);
    UniformSample sample = UniformSample.of(capacity, seed, finite, priorities, values);
    return new NumericProfile(counts, minK, moments, sketch, sample);
  }

  private static boolean addsUp(RowCounts counts, long finite) {
    try {
      long sum = Math.addExact(Math.addExact(counts.missing(), counts.nonFinite()),
          Math.addExact(counts.typeErrors(), finite));
      return sum == counts.count();
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  /** Checks the image's layout before parsing it, then everything the image and the moments both know. */
  private static KllDoublesSketch readSketch(byte[] image, int at, int k, MomentsProfile moments) {
    checkLayout(image, at, k, moments.count());
    KllDoublesSketch sketch;
    try {
      sketch = KllDoublesSketch.heapify(SketchMemory.wrap(image));
    } catch (RuntimeException e) {
      throw new ProfileFormatException(at, "the KLL image does not parse: " + e.getMessage(), e);
    }
    long n = moments.count();
    if (sketch.getN() != n || sketch.getK() != k) {
      throw new ProfileFormatException(at, "the KLL sketch holds " + sketch.getN() + " values at k "
          + sketch.getK() + ", the profile " + n + " at k " + k);
    }
    if (n > 0) {
      checkSortedView(sketch, at, n, moments);
    }
    return sketch;
  }

  /**
   * Checks the preamble and the levels of a compact KLL image (DataSketches' {@code KllPreambleUtil} layout,
   * little-endian) against the profile. DataSketches trusts a forged level count or levels array far enough to
   * recurse without end when sorting, so these must hold before it sees the image: the form matches n (8 bytes when
   * empty, 16 for one item, else the full preamble), k and n agree with the profile, and the levels are ordered and
   * weigh exactly n (level i's items count 2^i each).
   */
  private static void checkLayout(byte[] image, int at, int k, long n) {
    if (image.length < 8 || image[2] != KLL_FAMILY || image[6] != 8) {
      throw new ProfileFormatException(at, "the sketch is not a KLL image (" + image.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int imageK = b.getShort(4) & 0xffff;
    if (imageK != k) {
      throw new ProfileFormatException(at + 4, "the KLL image's k " + imageK + " is not the profile's " + k);
    }
    int flags = image[3] & ~LEVEL_ZERO_SORTED;
    boolean form = n == 0 ? image.length == 8 && image[0] == 2 && image[1] == 1 && flags == 1
        : n == 1 ? image.length == 16 && image[0] == 2 && image[1] == 2 && flags == 4
        : image.length >= 20 && image[0] == 5 && image[1] == 1 && flags == 0 && b.getLong(8) == n;
    if (!form) {
      throw new ProfileFormatException(at, "the KLL image's preamble does not describe " + n + " values");
    }
    if (n < 2) {
      return;
    }
    int levels = image[18];
    int itemBytes = image.length - 20 - 4 * levels - 16;
    int minK = b.getShort(16) & 0xffff;
    if (levels < 1 || levels > 61 || itemBytes < 16 || itemBytes % 8 != 0 || minK < 8 || minK > k) {
      throw new ProfileFormatException(at + 16, "the KLL image's " + levels + " levels, min k " + minK + " and "
          + image.length + " bytes do not fit together");
    }
    int capacity = b.getInt(20) + itemBytes / 8;
    long weight = 0;
    for (int level = 0; level < levels; level++) {
      int start = b.getInt(20 + 4 * level);
      int end = level + 1 < levels ? b.getInt(24 + 4 * level) : capacity;
      if (start < 0 || end < start || end > capacity) {
        throw new ProfileFormatException(at + 20 + 4 * level, "the KLL image's level " + level + " is out of order");
      }
      weight += (long) (end - start) << level;
    }
    if (weight != n) {
      throw new ProfileFormatException(at + 20, "the KLL image's levels weigh " + weight + ", not " + n);
    }
  }

  /** Walks the sketch once, so that a structurally broken image fails here and not in a later query. */
  private static void checkSortedView(KllDoublesSketch sketch, int at, long n, MomentsProfile moments) {
    DoublesSortedView view;
    try {
      view = sketch.getSortedView();
    } catch (RuntimeException e) {
      throw new ProfileFormatException(at, "the KLL sketch is inconsistent: " + e.getMessage(), e);
    }
    double[] items = view.getQuantiles();
    long[] weights = view.getCumulativeWeights();
    boolean ordered = items.length > 0 && weights[weights.length - 1] == n
        && sketch.getMinItem() == moments.min() && sketch.getMaxItem() == moments.max();
    for (int i = 0; ordered && i < items.length; i++) {
      ordered = items[i] >= moments.min() && items[i] <= moments.max()
          && (i == 0 ? weights[0] >= 0 : items[i] >= items[i - 1] && weights[i] >= weights[i - 1]);
    }
    if (!ordered) {
      throw new ProfileFormatException(at, "the KLL sketch's items or weights disagree with the moments' "
          + n + " values in [" + moments.min() + ", " + moments.max() + "]");
    }
  }
}
