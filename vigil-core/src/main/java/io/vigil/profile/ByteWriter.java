package io.vigil.profile;

import java.util.Arrays;
import java.util.zip.CRC32;

/** A growable big-endian byte buffer for {@link ProfileCodec}; doubles are written as their raw IEEE 754 bits;
 * public so that the codecs of other packages share it. */
public final class ByteWriter {

  private byte[] buffer = new byte[256];
  private int size;

  public void writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  /** Writes a non-negative value as an unsigned LEB128 varint, the form {@link ByteReader#readVarint} reads. */
  public void writeVarint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a varint holds no negative value: " + value);
    }
    long v = value;
    while ((v & ~0x7FL) != 0) {
      writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    writeByte((int) v);
  }

  public void writeInt(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  public void writeLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  public void writeDouble(double value) {
    writeLong(Double.doubleToRawLongBits(value));
  }

  public void writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  /** Overwrites four bytes already written, for the length field of the header. */
  public void putInt(int offset, int value) {
    for (int i = 0; i < 4; i++) {
      buffer[offset + i] = (byte) (value >>> (24 - 8 * i));
    }
  }

  public int size() {
    return size;
  }

  /** CRC-32 (java.util.zip, the polynomial of zlib and PNG) of everything written so far. */
  public int checksum() {
    CRC32 crc = new CRC32();
    crc.update(buffer, 0, size);
    return (int) crc.getValue();
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
