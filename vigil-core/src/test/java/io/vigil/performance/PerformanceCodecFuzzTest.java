package io.vigil.performance;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.profile.ProfileFormatException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Feeds arbitrary bytes, as they are and resealed with a correct length and CRC-32, to the three performance
 * decoders: only {@link ProfileFormatException} may come out, and what is read must encode and decode again. Seeds:
 * the golden files.
 */
class PerformanceCodecFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void decodeRejectsOrReadsAnyBytes(byte[] data) {
    for (byte[] bytes : new byte[][] {data, reseal(data)}) {
      try {
        PerformanceCodec.decodeClassification(PerformanceCodec.encode(PerformanceCodec.decodeClassification(bytes)));
      } catch (ProfileFormatException expected) {
        // refused with the byte offset: fine
      }
      try {
        PerformanceCodec.decodeRegression(PerformanceCodec.encode(PerformanceCodec.decodeRegression(bytes)));
      } catch (ProfileFormatException expected) {
        // refused with the byte offset: fine
      }
      try {
        PerformanceCodec.decodeEstimation(PerformanceCodec.encode(PerformanceCodec.decodeEstimation(bytes)));
      } catch (ProfileFormatException expected) {
        // refused with the byte offset: fine
      }
    }
  }

  private static byte[] reseal(byte[] data) {
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
