package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil check-config}, {@code vigil serve --config} with bad rules, and {@code vigil alert-rules export}. */
class AlertCommandsTest {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  static final String RULES = """
      notifiers:
        oncall: {type: webhook, url: "http://127.0.0.1:9999/hook"}
        console: {type: log}
      alerts:
        - {name: high-errors, model: "*", when: "error_rate > 0.05", window: 5m, for: 1m, severity: critical,
           notify: [oncall], summary: "{{model}}/{{version}} fails {{value}} of requests (over {{threshold}})"}
        - {name: slow, model: fraud, when: "latency_p99 > 0.2", window: 10m, severity: warning, min_samples: 50}
        - {name: busy, model: fraud, when: "rps >= 1000", notify: [console]}
        - {name: unsure, model: intent, when: "mean_confidence < 0.6", window: 1h30m}
        - {name: p50, when: "latency_p50 > 0.05", window: 90s}
        - {name: drifted, model: fraud, when: "drift_share >= 0.5"}
        - {name: inaccurate, model: fraud, when: "accuracy < 0.8"}
        - {name: changed, model: fraud, when: "detector(ddm, error_rate)", window: 1h}
      evaluation_interval: 15s
      """;

  @TempDir
  Path dir;

  private static void assertUsageError(CommandRun run, String... fragments) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(fragments).doesNotContain("\tat ");
  }

  @Test
  void checkConfigSaysWhatTheFileHolds() throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yaml"), RULES);
    CommandRun run = CommandRun.of("check-config", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("ok (0 models, 8 alert rules, 2 notifiers, evaluated every 15.0s)");
  }

  @Test
  void checkConfigAndServeNameTheBadKey() throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yaml"),
        "alerts:\n  - {name: a, when: 'acuracy < 0.9'}\n");
    assertUsageError(CommandRun.of("check-config", file.toString()), "alerts[0].when: unknown metric 'acuracy'");
    assertUsageError(CommandRun.of("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
        "--config", file.toString()), "alerts[0].when: unknown metric 'acuracy'");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void serveRefusesAnUnknownNotifier() throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yaml"),
        "alerts:\n  - {name: a, when: 'error_rate > 0.1', notify: [pager]}\n");
    assertUsageError(CommandRun.of("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
        "--config", file.toString()), "alerts[0].notify[0]: unknown notifier 'pager'");
  }

  @Test
  void exportWritesRulesPromtoolAcceptsAndSaysWhatItSkipped() throws Exception {
    Path config = Files.writeString(dir.resolve("vigil.yaml"), RULES);
    Path out = dir.resolve("vigil-rules.yml");
    CommandRun run = CommandRun.of("alert-rules", "export", "--config", config.toString(), "--output", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("exported 7 of 8 rules")
        .contains("changed: a change detector (ddm) has no PromQL equivalent");
    String yaml = Files.readString(out);
    assertThat(yaml).contains("alert: high_errors").contains("vigil_rule: high-errors")
        .contains("status=\"error\"").contains("for: 1m")
        .contains("{{ $labels.model }}/{{ $labels.version }} fails {{ $value }} of requests (over 0.05)")
        .contains("histogram_quantile(0.99").contains("[10m]").contains("[90m]")
        .contains(">= 50").contains("max by (model, version) (vigil_dataset_drift_share")
        .contains("vigil_model_accuracy{kind=\"realized\"");

    if (!Files.isExecutable(PROMTOOL)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("promtool is not installed at " + PROMTOOL + " although CI=true: .ci/run must install prometheus");
      }
      Assumptions.abort("promtool is not installed (apt-get install prometheus); skipping the rules check");
    }
    Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", out.toString()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(said + "\n" + yaml).isZero();
    assertThat(said).contains("SUCCESS: 7 rules found");
  }

  @Test
  void exportNeedsAReadableConfig() {
    assertUsageError(CommandRun.of("alert-rules", "export", "--config", dir.resolve("none.yaml").toString()),
        "none.yaml", "no such file");
  }
}
