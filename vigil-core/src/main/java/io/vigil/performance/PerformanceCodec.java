package io.vigil.performance;

import io.vigil.profile.ByteReader;
import io.vigil.profile.ByteWriter;
import io.vigil.profile.ProfileCodec;
import io.vigil.profile.ProfileFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Serializes the performance profiles to compact bytes and back, in the framing of {@link ProfileCodec} (its magic
 * byte, with family numbers of their own, so either codec rejects the other's bytes by family). The format is a
 * contract: every released version keeps a golden file under {@code src/test/resources/io/vigil/performance/}.
 *
 * <pre>{@code
 * byte[] bytes = PerformanceCodec.encode(classificationProfile);
 * ClassificationProfile again = PerformanceCodec.decodeClassification(bytes);
 * }</pre>
 *
 * <p><b>Format, version 1.</b> Big-endian.
 * <pre>
 * offset  size  field
 *  0      1     magic 0x56 ('V')
 *  1      1     family: 16 classification, 17 regression, 18 estimation
 *  2      1     format version: 1
 *  3      1     flags: 0
 *  4      4     total length in bytes, header and checksum included
 *  8      …     body
 *  len−4  4     CRC-32 of bytes [0, len−4)
 *
 * string: UTF-8 length i32, UTF-8 bytes
 * exact sum: scale i32, unscaled length i32, unscaled two's-complement bytes, trailing decimal zeros stripped
 * varint: unsigned LEB128, 7 bits a byte, low bits first, at most 9 bytes, no redundant trailing zero byte
 * histogram: entries i32, per entry in ascending bin order: bin minus the previous entry's bin (the first minus
 *   −1) varint, first count varint, second count varint (never both 0)
 * classification: kind i8 (1 binary, 2 multiclass); binary: positive class string; classes i32 and strings in
 *   ascending String order; confusion matrix k×k i64 (rows true, columns predicted); scored i64; rows not summing
 *   to 1 i64; log loss sum, Brier sum (exact sums); 10 calibration bins: count i64, outcomes i64, score sum (exact);
 *   histograms: binary the positive class's, multiclass one per class in class order
 * regression: count i64; exact sums of y, y², |y − ŷ|, (y − ŷ)², |y − ŷ|/max(|y|, ε)
 * estimation: kind i8; binary: positive class string; count i64; scored i64; classes i32; per class in ascending
 *   order: name string, histogram
 * </pre>
 * Every part has one canonical form, so {@code encode(decode(bytes))} returns {@code bytes} and merge order does not
 * change the bytes. Reading checks length, magic, family, version, flags, checksum, then every field and the
 * profile's invariants, and throws {@link ProfileFormatException} naming the byte offset.
 */
public final class PerformanceCodec {

  public static final int VERSION = 1;
  static final byte CLASSIFICATION = 16;
  static final byte REGRESSION = 17;
  static final byte ESTIMATION = 18;
  private static final int HEADER_BYTES = 8;
  private static final int CHECKSUM_BYTES = 4;

  private PerformanceCodec() {}

  public static byte[] encode(ClassificationProfile p) {
    ByteWriter out = begin(CLASSIFICATION);
    PerformanceFormat.writeClassification(out, p);
    return finish(out);
  }

  public static byte[] encode(RegressionProfile p) {
    ByteWriter out = begin(REGRESSION);
    PerformanceFormat.writeRegression(out, p);
    return finish(out);
  }

  public static byte[] encode(EstimationProfile p) {
    ByteWriter out = begin(ESTIMATION);
    PerformanceFormat.writeEstimation(out, p);
    return finish(out);
  }

  public static ClassificationProfile decodeClassification(byte[] bytes) {
    ByteReader in = open(bytes, CLASSIFICATION);
    return close(in, PerformanceFormat.readClassification(in));
  }

  public static RegressionProfile decodeRegression(byte[] bytes) {
    ByteReader in = open(bytes, REGRESSION);
    return close(in, PerformanceFormat.readRegression(in));
  }

  public static EstimationProfile decodeEstimation(byte[] bytes) {
    ByteReader in = open(bytes, ESTIMATION);
    return close(in, PerformanceFormat.readEstimation(in));
  }

  static void writeString(ByteWriter out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.writeBytes(utf8);
  }

  static String readString(ByteReader in, String field) {
    int length = in.readLength(field + " length", 1);
    byte[] utf8 = in.readBytes(length, field);
    String s = new String(utf8, StandardCharsets.UTF_8);
    if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), utf8)) {
      throw in.fail(field + " is not valid UTF-8");
    }
    return s;
  }

  private static ByteWriter begin(byte family) {
    ByteWriter out = new ByteWriter();
    out.writeByte(ProfileCodec.MAGIC);
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

  private static ByteReader open(byte[] bytes, byte family) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw new ProfileFormatException(bytes.length, "truncated: " + bytes.length
          + " bytes, a serialized profile has at least " + (HEADER_BYTES + CHECKSUM_BYTES));
    }
    if (bytes[0] != ProfileCodec.MAGIC) {
      throw new ProfileFormatException(0, String.format("magic 0x%02x is not 0x56: not a Vigil profile", bytes[0]));
    }
    if (bytes[1] != family) {
      throw new ProfileFormatException(1, "family " + bytes[1] + " is not the expected " + family
          + " (16 classification, 17 regression, 18 estimation)");
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

  private static <T> T close(ByteReader in, T profile) {
    if (in.remaining() != 0) {
      throw new ProfileFormatException(in.position(), in.remaining() + " unexpected bytes after the body");
    }
    return profile;
  }
}
