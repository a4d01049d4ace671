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

  private final ByteBuffer buffer;
  private final int end;
  private int position;
  private int fieldOffset;

  /** Reads {@code bytes[start, end)}; offsets in errors count from the start of the array. */
  public ByteReader(byte[] bytes, int start, int end) {
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
