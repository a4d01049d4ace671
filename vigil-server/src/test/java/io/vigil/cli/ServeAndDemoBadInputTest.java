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

  @Test
  void serveAndDemoNameABadCacheSize() {
    withProperty("vigil.profile-cache-mib", "a lot", () -> {
      assertUsageError(CommandRun.of("serve", "--port", "0"), "vigil.profile-cache-mib", "'a lot'");
      assertUsageError(CommandRun.of("demo", "--port", "0"), "vigil.profile-cache-mib", "'a lot'");
    });
  }

  @Test
  void serveAndDemoNameABadLogCopyInterval() {
    for (String bad : new String[] {"often", "-5", "600000"}) {
      withProperty("vigil.log-copy-ms", bad, () -> {
        assertUsageError(CommandRun.of("serve", "--port", "0"), "vigil.log-copy-ms", "'" + bad + "'");
        assertUsageError(CommandRun.of("demo", "--port", "0"), "vigil.log-copy-ms", "'" + bad + "'");
      });
    }
  }

  private static void withProperty(String name, String value, Runnable check) {
    String before = System.getProperty(name);
    System.setProperty(name, value);
    try {
      check.run();
    } finally {
      if (before == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, before);
      }
    }
  }

  @Test
  void serveRefusesANetworkAddressWithoutTokens() {
    assertUsageError(CommandRun.of("serve", "--host", "0.0.0.0", "--port", "0"), "refusing to serve 0.0.0.0",
        "--insecure");
  }

  @Test
  void serveNeedsBothTlsFiles() {
    assertUsageError(CommandRun.of("serve", "--tls-cert", "cert.pem"), "--tls-cert needs --tls-key");
    assertUsageError(CommandRun.of("serve", "--tls-key", "key.pem"), "--tls-key needs --tls-cert");
    assertUsageError(CommandRun.of("serve", "--tls-cert", "no-cert.pem", "--tls-key", "no-key.pem"), "no-cert.pem");
  }

  @Test
  void serveRejectsABadAuthSection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path yaml = dir.resolve("vigil.yaml");
    java.nio.file.Files.writeString(yaml, "auth:\n  tokens:\n    - {name: a, scopes: [root], hash: x}\n");
    assertUsageError(CommandRun.of("serve", "--config", yaml.toString()), "auth.tokens[0].scopes[0]", "root");
  }
}
