package io.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The copier looks at the log often while it grows, and ten times less often (at most a second) while it does not. */
class LogCopierTest {

  @Test
  void copiesAtTheIntervalWhileTheLogChangesAndWaitsLongerWhileItDoesNot() {
    assertThat(LogCopier.pause(-1, 0, 10)).as("the first look").isEqualTo(10);
    assertThat(LogCopier.pause(5L << 32 ^ 3, 7L << 32 ^ 3, 10)).as("frames written").isEqualTo(10);
    assertThat(LogCopier.pause(7L << 32 ^ 3, 7L << 32 ^ 7, 10)).as("frames copied").isEqualTo(10);
    assertThat(LogCopier.pause(7L << 32 ^ 7, 7L << 32 ^ 7, 10)).as("nothing new").isEqualTo(100);
    assertThat(LogCopier.pause(7, 7, 500)).as("idle, at most a second").isEqualTo(1_000);
    assertThat(LogCopier.pause(7, 7, 5_000)).as("unless the interval is longer").isEqualTo(5_000);
  }

  @Test
  void theDefaultIntervalIsTenMilliseconds() {
    String was = System.clearProperty(LogCopier.PROPERTY);
    try {
      assertThat(LogCopier.everyMillis()).isEqualTo(10);
    } finally {
      if (was != null) {
        System.setProperty(LogCopier.PROPERTY, was);
      }
    }
  }
}
