package io.vigil.profile;

import java.nio.ByteBuffer;

/**
 * A bounds-checked big-endian cursor over the body of a serialized profile. Every read first checks that the field
 * fits in what is left, so a truncated or hostile input ends in a {@link ProfileFormatException} naming the field's
 * offset, never in an {@code IndexOutOfBoundsException}; every length is checked against the remaining bytes before
 * anything is allocated for it.
 *
 * <p>Public so that the codecs of other packages ({@code io.vigil.performance.PerformanceCodec}) share it.
 */
public final class ByteReader {

  private final byte[] bytes;
  private final ByteBuffer buffer;
  private final int end;
  private int position;
  private int fieldOffset;

  /** Reads {@code bytes[start, end)}; offsets in errors count from the start of the array. */
  public ByteReader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.buffer = ByteBuffer.wrap(bytes);
    this.position = start;
    this.fieldOffset = start;
    this.end = end;
  }

  public int position() {
    return position;
  }

  public int remaining() {
    return end - position;
  }

  /** Offset of the field read last, where {@link #fail} points. */
  public int fieldOffset() {
    return fieldOffset;
  }

  public byte readByte(String field) {
    require(1, field);
    return buffer.get(advance(1));
  }

  public int readInt(String field) {
    require(4, field);
    return buffer.getInt(advance(4));
  }

  public long readLong(String field) {
    require(8, field);
    return buffer.getLong(advance(8));
  }

  public double readDouble(String field) {
    require(8, field);
    return buffer.getDouble(advance(8));
  }

  /**
   * Reads a non-negative unsigned LEB128 varint (7 bits a byte, low bits first) of at most 9 bytes (63 bits), in
   * its one canonical form: no redundant trailing zero byte. Decoded straight from the array: a long histogram is
   * mostly varints, and a bounds check per byte was a third of a cache-cold performance query.
   */
  public long readVarint(String field) {
    fieldOffset = position;
    int p = position;
    if (p < end && bytes[p] >= 0) {   // one byte, the common case
      position = p + 1;
      return bytes[p];
    }
    int limit = Math.min(end, p + 9);
    long value = 0;
    for (int shift = 0; p < limit; shift += 7) {
      int b = bytes[p++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        if (b == 0) {
          throw fail(field + " is a varint with a redundant zero byte");
        }
        position = p;
        return value;
      }
    }
    if (p - position == 9) {
      throw fail(field + " is a varint longer than 9 bytes");
    }
    throw new ProfileFormatException(position,
        "truncated: " + field + " is a varint cut off after " + (p - position) + " bytes");
  }

  /** Reads a count that must not be negative. */
  public long readCount(String field) {
    long value = readLong(field);
    if (value < 0) {
      throw fail(field + " " + value + " is negative");
    }
    return value;
  }

  /**
   * Reads the number of elements that follow, each at least {@code minElementBytes} long, and checks that they can
   * fit in what is left before the caller allocates anything for them.
   */
  public int readLength(String field, int minElementBytes) {
    int n = readInt(field);
    if (n < 0 || (long) n * minElementBytes > remaining()) {
      throw fail(field + " " + n + " does not fit in the " + remaining() + " bytes left");
    }
    return n;
  }

  public byte[] readBytes(int length, String field) {
    require(length, field);
    byte[] bytes = new byte[length];
    buffer.get(advance(length), bytes);
    return bytes;
  }

  /** Steps over {@code length} bytes, checking that they are there. */
  public void skip(int length, String field) {
    require(length, field);
    advance(length);
  }

  public ProfileFormatException fail(String message) {
    return new ProfileFormatException(fieldOffset, message);
  }

  private void require(int length, String field) {
    fieldOffset = position;
    if (length < 0 || length > remaining()) {
      throw new ProfileFormatException(position,
          "truncated: " + field + " needs " + length + " bytes, " + remaining() + " left");
    }
  }

  private int advance(int length) {
    int at = position;
    position += length;
    return at;
  }
}
