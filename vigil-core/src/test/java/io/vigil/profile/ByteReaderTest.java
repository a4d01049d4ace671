package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

  private static final long[] VALUES = {0, 1, 127, 128, 300, 16_383, 16_384, Integer.MAX_VALUE, 1L << 56,
      Long.MAX_VALUE};

  @Test
  void varintsReadBackWhatWasWrittenAndAdvanceByTheirLength() {
    ByteWriter out = new ByteWriter();
    for (long v : VALUES) {
      out.writeVarint(v);
    }
    byte[] bytes = out.toByteArray();
    ByteReader in = new ByteReader(bytes, 0, out.size());
    for (long v : VALUES) {
      assertThat(in.readVarint("v")).isEqualTo(v);
    }
    assertThat(in.remaining()).isZero();
    // 0..127 take one byte, 128 two, Long.MAX_VALUE (63 bits) nine
    assertThat(out.size()).isEqualTo(1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 9 + 9);
  }

  @Test
  void aVarintEndingAtTheReadersEndIsNotReadPastIt() {
    byte[] bytes = {(byte) 0x80, 0x01, 0x05};
    assertThat(new ByteReader(bytes, 0, 2).readVarint("v")).isEqualTo(128);
    assertThatThrownBy(() -> new ByteReader(bytes, 0, 1).readVarint("count"))
        .isInstanceOf(ProfileFormatException.class).hasMessage("byte 0: truncated: count is a varint cut off after 1 bytes");
    assertThatThrownBy(() -> new ByteReader(bytes, 2, 2).readVarint("count"))
        .isInstanceOf(ProfileFormatException.class).hasMessage("byte 2: truncated: count is a varint cut off after 0 bytes");
  }

  @Test
  void rejectsARedundantZeroByteAndVarintsLongerThanNineBytes() {
    byte[] redundant = {0x05, (byte) 0x81, 0x00};
    ByteReader in = new ByteReader(redundant, 0, redundant.length);
    assertThat(in.readVarint("a")).isEqualTo(5);
    assertThatThrownBy(() -> in.readVarint("step")).isInstanceOf(ProfileFormatException.class)
        .hasMessage("byte 1: step is a varint with a redundant zero byte");
    byte[] tooLong = new byte[12];
    java.util.Arrays.fill(tooLong, (byte) 0xFF);
    tooLong[11] = 0x01;
    assertThatThrownBy(() -> new ByteReader(tooLong, 0, tooLong.length).readVarint("count"))
        .isInstanceOf(ProfileFormatException.class).hasMessage("byte 0: count is a varint longer than 9 bytes");
  }

  @Test
  void aNegativeValueIsNotWrittenAsAVarint() {
    assertThatThrownBy(() -> new ByteWriter().writeVarint(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
