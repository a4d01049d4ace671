package io.vigil.profile;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Serializes profiles to compact bytes and back. The format is a contract: every released version keeps a golden
 * file under {@code src/test/resources/io/vigil/profile/} that later builds must still read.
 *
 * <pre>{@code
 * byte[] bytes = ProfileCodec.encode(numericProfile);
 * NumericProfile again = ProfileCodec.decodeNumeric(bytes);      // or:
 * Mergeable<?> any = ProfileCodec.decode(bytes);                 // dispatches on the family byte
 * }</pre>
 *
 * <p><b>Format, version 1.</b> Big-endian; doubles are raw IEEE 754 bits; embedded DataSketches images keep their
 * own (little-endian) layout.
 * <pre>
 * offset  size  field
 *  0      1     magic 0x56 ('V')
 *  1      1     family: 1 moments, 2 numeric, 3 categorical, 4 window
 *  2      1     format version: 1
 *  3      1     flags: 0 (reserved)
 *  4      4     total length in bytes, header and checksum included
 *  8      …     body of the family
 *  len−4  4     CRC-32 of bytes [0, len−4)
 *
 * moments body (40 bytes): count i64, mean f64, sum of squared deviations f64, min f64, max f64
 *   (empty: 0, 0.0, 0.0, +∞, −∞)
 * numeric body: count, missing, non-finite, type errors (4 × i64); moments body; sketch k i32; min sketch k i32;
 *   sample capacity i32; sample seed i64; sample size i32; per sampled value, in ascending (priority, value bits)
 *   order: priority i64, value f64; KLL sketch length i32; KllDoublesSketch.toByteArray() image
 * categorical body: count, missing, type errors (3 × i64); max exact categories i32; sketch map size i32;
 *   mode i8 (0 exact, 1 sketch); exact: number of categories i32, then per category in ascending
 *   String.compareTo order: UTF-8 length i32, UTF-8 bytes, count i64; sketch: length i32,
 *   ItemsSketch.toByteArray(ArrayOfStringsSerDe) image with its (counter, item) pairs reordered by the items'
 *   unsigned UTF-8 bytes
 * window body: count, errors, anomalies (3 × i64); five nested profiles, each as length i32 then its own whole
 *   encoding (header and checksum included): error types, latency, confidence, classes, consumers, numeric
 *   predictions; the review sample: capacity i32, number of cases i32, per case in ascending (confidence, id, time)
 *   order: id (length i32, UTF-8), time i64, confidence f64, prediction value, number of features i32, per feature
 *   name (length i32, UTF-8) and value; a value is a tag i8 (0 null, 1 number f64, 2 text: length i32, UTF-8,
 *   3 boolean i8); performance parts i8 (bits: 1 realized classification, 2 realized regression, 4 estimation),
 *   then each present part as length i32 and its {@link io.vigil.performance.PerformanceCodec} encoding; number of
 *   outcome names i32, per name in ascending order: UTF-8 name (length i32), count i64, sum f64; number of
 *   features i32, then per feature in first-seen order: UTF-8 name length i32, name, type id length i32, type id
 *   ({@code numeric}, {@code categorical}, {@code boolean}), nested profile (numeric for numeric, else categorical)
 * </pre>
 * Every variable part has one canonical order (sample by priority, categories and sketch items by name, KLL level 0
 * sorted), so the bytes depend on a profile's content and not on how its sketches happen to be laid out in memory,
 * and {@code encode(decode(bytes))} returns {@code bytes}.
 *
 * <p><b>Reading</b> checks, in this order and before building anything: at least 12 bytes, magic, family, version,
 * flags, the declared length against the actual one, the checksum, then every field against the remaining bytes and
 * against the others (row counts add up, sample size = min(capacity, finite count), sample values within [min, max],
 * canonical orders, embedded sketches parse and agree with the counts). Any failure throws a
 * {@link ProfileFormatException} naming the byte offset. The checksum catches corruption that would still parse;
 * deliberately forged bytes with a recomputed checksum are still bounded: no allocation exceeds the input's size
 * or a few megabytes, and nothing but {@link ProfileFormatException} escapes.
 */
public final class ProfileCodec {

  /** First byte of every serialized profile. */
  public static final byte MAGIC = 0x56;

  /** The format version this build writes (and the newest it reads). */
  public static final int VERSION = 1;

  static final byte MOMENTS = 1;
  static final byte NUMERIC = 2;
  static final byte CATEGORICAL = 3;
  static final byte WINDOW = 4;
  private static final int HEADER_BYTES = 8;
  private static final int CHECKSUM_BYTES = 4;

  private ProfileCodec() {
  }

  public static byte[] encode(MomentsProfile profile) {
    ByteWriter out = begin(MOMENTS);
    writeMoments(out, profile.snapshot());
    return finish(out);
  }

  public static byte[] encode(NumericProfile profile) {
    ByteWriter out = begin(NUMERIC);
    NumericFormat.write(out, profile);
    return finish(out);
  }

  public static byte[] encode(CategoricalProfile profile) {
    ByteWriter out = begin(CATEGORICAL);
    CategoricalFormat.write(out, profile);
    return finish(out);
  }

  /** A time bucket's whole profile: what the server checkpoints per model, version and bucket. */
  public static byte[] encode(WindowProfile profile) {
    ByteWriter out = begin(WINDOW);
    WindowFormat.write(out, profile);
    return finish(out);
  }

  public static WindowProfile decodeWindow(byte[] bytes) {
    ByteReader in = open(bytes, WINDOW);
    WindowProfile profile = WindowFormat.read(in);
    close(in);
    return profile;
  }

  /**
   * A window's counts, performance parts and outcomes only (usage, review and features left empty), checked like
   * {@link #decodeWindow}: for performance queries, which merge nothing else. Do not store the result.
   */
  public static WindowProfile decodeWindowPerformance(byte[] bytes) {
    ByteReader in = open(bytes, WINDOW);
    WindowProfile profile = WindowFormat.read(in, false);
    close(in);
    return profile;
  }

  /** Reads a profile of any family; the caller tells them apart with {@code instanceof}. */
  public static Mergeable<?> decode(byte[] bytes) {
    ByteReader in = open(bytes, (byte) 0);
    Mergeable<?> profile = switch (bytes[1]) {
      case MOMENTS -> readMoments(in);
      case NUMERIC -> NumericFormat.read(in);
      case WINDOW -> WindowFormat.read(in);
      default -> CategoricalFormat.read(in);
    };
    close(in);
    return profile;
  }

  public static MomentsProfile decodeMoments(byte[] bytes) {
    ByteReader in = open(bytes, MOMENTS);
    MomentsProfile profile = readMoments(in);
    close(in);
    return profile;
  }

  public static NumericProfile decodeNumeric(byte[] bytes) {
    ByteReader in = open(bytes, NUMERIC);
    NumericProfile profile = NumericFormat.read(in);
    close(in);
    return profile;
  }

  public static CategoricalProfile decodeCategorical(byte[] bytes) {
    ByteReader in = open(bytes, CATEGORICAL);
    CategoricalProfile profile = CategoricalFormat.read(in);
    close(in);
    return profile;
  }

  static void writeMoments(ByteWriter out, MomentsSummary moments) {
    out.writeLong(moments.count());
    if (moments.isEmpty()) {
      out.writeDouble(0.0);
      out.writeDouble(0.0);
      out.writeDouble(Double.POSITIVE_INFINITY);
      out.writeDouble(Double.NEGATIVE_INFINITY);
      return;
    }
    out.writeDouble(moments.mean());
    out.writeDouble(moments.sumOfSquaredDeviations());
    out.writeDouble(moments.min());
    out.writeDouble(moments.max());
  }

  static MomentsProfile readMoments(ByteReader in) {
    int countAt = in.position();
    long count = in.readCount("moments count");
    double mean = in.readDouble("mean");
    double squares = in.readDouble("sum of squared deviations");
    if (!(squares >= 0)) {
      throw in.fail("sum of squared deviations " + squares + " is not ≥ 0");
    }
    double min = in.readDouble("min");
    double max = in.readDouble("max");
    if (count == 0) {
      if (mean != 0 || squares != 0 || min != Double.POSITIVE_INFINITY || max != Double.NEGATIVE_INFINITY) {
        throw new ProfileFormatException(countAt, "empty moments must hold 0, 0, +∞, −∞, not " + mean + ", "
            + squares + ", " + min + ", " + max);
      }
    } else if (!Double.isFinite(mean) || !Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new ProfileFormatException(countAt, "moments of " + count + " values need a finite mean " + mean
          + " and finite min " + min + " ≤ max " + max);
    } else if (count == 1 && (squares != 0 || min != max || mean != min)) {
      throw new ProfileFormatException(countAt, "moments of one value must have mean = min = max and no spread");
    }
    return new MomentsProfile(new MomentsSummary(count, mean, squares, min, max));
  }

  private static ByteWriter begin(byte family) {
    ByteWriter out = new ByteWriter();
    out.writeByte(MAGIC);
    out.writeByte(family);
    out.writeByte(VERSION);
    out.writeByte(0);
    out.writeInt(0);
    return out;
  }

  private static byte[] finish(ByteWriter out) {
    out.putInt(4, out.size() + CHECKSUM_BYTES);
    out.writeInt(out.checksum());
    return out.toByteArray();
  }

  /** Validates header and checksum; returns a reader over the body. {@code family} 0 accepts any known family. */
  private static ByteReader open(byte[] bytes, byte family) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw new ProfileFormatException(bytes.length, "truncated: " + bytes.length
          + " bytes, a serialized profile has at least " + (HEADER_BYTES + CHECKSUM_BYTES));
    }
    if (bytes[0] != MAGIC) {
      throw new ProfileFormatException(0, String.format("magic 0x%02x is not 0x56: not a Vigil profile", bytes[0]));
    }
    byte actual = bytes[1];
    if (actual < MOMENTS || actual > WINDOW || (family != 0 && actual != family)) {
      throw new ProfileFormatException(1, "family " + actual + " is not the expected "
          + (family == 0 ? "1, 2, 3 or 4" : family) + " (1 moments, 2 numeric, 3 categorical, 4 window)");
    }
    if (bytes[2] != VERSION) {
      throw new ProfileFormatException(2, "format version " + bytes[2] + " is not supported; this build reads "
          + VERSION);
    }
    if (bytes[3] != 0) {
      throw new ProfileFormatException(3, "flags " + bytes[3] + " are not 0, the only value version 1 defines");
    }
    int declared = ByteBuffer.wrap(bytes).getInt(4);
    if (declared != bytes.length) {
      throw new ProfileFormatException(4, (declared > bytes.length ? "truncated" : "trailing bytes")
          + ": the header declares " + declared + " bytes, " + bytes.length + " are present");
    }
    int checksumAt = bytes.length - CHECKSUM_BYTES;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, checksumAt);
    int expected = ByteBuffer.wrap(bytes).getInt(checksumAt);
    if ((int) crc.getValue() != expected) {
      throw new ProfileFormatException(checksumAt, String.format(
          "checksum mismatch: stored 0x%08x, computed 0x%08x; the bytes are corrupted", expected, crc.getValue()));
    }
    return new ByteReader(bytes, HEADER_BYTES, checksumAt);
  }

  private static void close(ByteReader in) {
    if (in.remaining() != 0) {
      throw new ProfileFormatException(in.position(), in.remaining() + " unexpected bytes after the body");
    }
  }
}
