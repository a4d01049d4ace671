package io.vigil.profile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Feeds arbitrary bytes to {@link ProfileCodec}: only {@link ProfileFormatException} may come out. Each input is
 * tried as it is and "resealed" (its length field and CRC-32 rewritten), because random bytes almost never carry a
 * valid checksum and the parsers behind it are what needs fuzzing. The golden files are the seed corpus
 * ({@code src/test/resources/io/vigil/profile/ProfileCodecFuzzTestInputs}); a crash Jazzer finds is written there
 * and replayed by every build from then on.
 */
class ProfileCodecFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void decodeRejectsOrReadsAnyBytes(byte[] data) {
    decode(data);
    decode(reseal(data));
  }

  private static void decode(byte[] bytes) {
    Mergeable<?> profile;
    try {
      profile = ProfileCodec.decode(bytes);
    } catch (ProfileFormatException expected) {
      return;
    }
    // what was read must write and read back
    byte[] again = profile instanceof WindowProfile w ? ProfileCodec.encode(w)
        : profile instanceof NumericProfile n ? ProfileCodec.encode(n)
        : profile instanceof CategoricalProfile c ? ProfileCodec.encode(c)
        : ProfileCodec.encode((MomentsProfile) profile);
    ProfileCodec.decode(again);
  }

  /** The bytes with a correct length field (offset 4) and CRC-32 trailer, as a forger would make them. */
  static byte[] reseal(byte[] data) {
    if (data.length < 12) {
      return data;
    }
    byte[] out = data.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    b.putInt(4, out.length);
    CRC32 crc = new CRC32();
    crc.update(out, 0, out.length - 4);
    b.putInt(out.length - 4, (int) crc.getValue());
    return out;
  }
}
