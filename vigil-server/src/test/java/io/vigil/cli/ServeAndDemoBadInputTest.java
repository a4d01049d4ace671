package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server commands refuse bad options with one line and exit code 2, before binding anything. */
class ServeAndDemoBadInputTest {

  private static void assertUsageError(CommandRun run, String... fragments) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(fragments).doesNotContain("\tat ");
  }

  @Test
  void serveRejectsAPortOutOfRange() {
    assertUsageError(CommandRun.of("serve", "--port", "70000"), "--port 70000");
  }

  @Test
  void serveRejectsATinyBodyLimit() {
    assertUsageError(CommandRun.of("serve", "--max-body", "10"), "--max-body 10");
  }

  @Test
  void serveNamesAMissingConfigFile() {
    assertUsageError(CommandRun.of("serve", "--config", "no-such-vigil.yaml"), "no-such-vigil.yaml", "no such file");
  }

  @Test
  void serveRejectsANonNumericPort() {
    assertUsageError(CommandRun.of("serve", "--port", "http"), "--port", "http");
  }

  @Test
  void demoRejectsAMalformedDriftDelay() {
    assertUsageError(CommandRun.of("demo", "--drift-after", "soon"), "--drift-after", "soon");
  }

  @Test
  void demoRejectsAnAbsurdRate() {
    assertUsageError(CommandRun.of("demo", "--rate", "0"), "--rate 0");
  }
}
