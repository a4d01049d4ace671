package io.vigil.server.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.server.security.AuthSettings;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text as {@code vigil.yaml}: read, or refused with a {@link ConfigException} that names the file; the
 * sections read by their own subsystems (here {@code auth}) follow the same rule.
 */
class VigilConfigFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void parse(byte[] data) {
    try {
      VigilConfig config = VigilConfig.parse(new String(data, StandardCharsets.UTF_8), "vigil.yaml");
      AuthSettings.from(config);
    } catch (ConfigException expected) {
      if (!expected.getMessage().startsWith("vigil.yaml")) {
        throw new AssertionError("the message does not name the file: " + expected.getMessage(), expected);
      }
    }
  }
}
