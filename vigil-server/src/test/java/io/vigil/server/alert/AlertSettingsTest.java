package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.notify.AlertmanagerNotifier;
import io.vigil.server.notify.EmailNotifier;
import io.vigil.server.notify.PagerDutyNotifier;
import io.vigil.server.notify.SlackNotifier;
import io.vigil.server.notify.WebhookNotifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading rules and notifiers from vigil.yaml: defaults, every kind of metric, and errors that name the key. */
class AlertSettingsTest {

  private static AlertSettings parse(String yaml) {
    return AlertSettings.of(VigilConfig.parse(yaml, "vigil.yaml"));
  }

  private static String rule(String fields) {
    return "notifiers:\n  oncall: {type: webhook, url: 'http://127.0.0.1:9999/hook'}\nalerts:\n  - {" + fields + "}\n";
  }

  @Test
  void theSpecExampleReadsWithItsValuesAndDefaults() {
    AlertSettings s = parse("""
        models:
          fraud: {task: binary_classification, classes: [ok, fraud], positive_class: fraud}
        alerts:
          - {name: low-accuracy, model: fraud, when: "accuracy < 0.8", window: 10m,
             for: 1m, severity: critical, notify: [oncall]}
          - {name: errors, when: "error_rate > 0.05"}
        notifiers:
          oncall: {type: webhook, url: "http://127.0.0.1:9999/hook"}
        evaluation_interval: 15s
        """);
    AlertRule low = s.rules().get(0);
    assertThat(low.condition().metric().kind()).isEqualTo(AlertMetric.Kind.PERFORMANCE);
    assertThat(low.condition().comparison()).isEqualTo(Comparison.LESS);
    assertThat(low.condition().threshold()).isEqualTo(0.8);
    assertThat(low.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(low.holdFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(low.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(low.notifiers()).containsExactly("oncall");
    AlertRule errors = s.rules().get(1);
    assertThat(errors.everyModel()).isTrue();
    assertThat(errors.window()).isEqualTo(AlertRule.DEFAULT_WINDOW);
    assertThat(errors.holdFor()).isZero();
    assertThat(errors.severity()).isEqualTo(Severity.WARNING);
    assertThat(errors.minSamples()).isEqualTo(100);
    assertThat(errors.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(s.evaluationInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.notifiers().get("oncall")).isInstanceOf(WebhookNotifier.class);
  }

  @Test
  void noAlertingSectionsMeansNoRulesAndFifteenSeconds() {
    AlertSettings s = parse("models: {}");
    assertThat(s.rules()).isEmpty();
    assertThat(s.evaluationInterval()).isEqualTo(AlertSettings.DEFAULT_INTERVAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "latency_p99 > 0.2          | latency_p99 | USAGE",
      "drift_share >= 0.5         | drift_share | DRIFT",
      "drift_score(amount) > 0.1  | drift_score(amount) | DRIFT",
      "missing_rate(age) > 0.2    | missing_rate(age) | QUALITY",
      "anomaly_fraction > 0.01    | anomaly_fraction | QUALITY",
      "label_coverage < 0.5       | label_coverage | PERFORMANCE",
      "estimated_accuracy < 0.9   | estimated_accuracy | PERFORMANCE",
      "mae > 3                    | mae | PERFORMANCE",
      "detector(ddm, error_rate)  | detector(ddm, error_rate) | DETECTOR",
      "detector(page_hinkley, latency_p95) > 0 | detector(page_hinkley, latency_p95) | DETECTOR"})
  void everyKindOfMetricReads(String when, String metric, AlertMetric.Kind kind) {
    Condition c = parse(rule("name: r, when: '" + when + "'")).rules().get(0).condition();
    assertThat(c.metric()).hasToString(metric);
    assertThat(c.metric().kind()).isEqualTo(kind);
  }

  @Test
  void aDetectorAloneMeansItSignalledADrift() {
    Condition c = Condition.parse("detector(adwin, error_rate)");
    assertThat(c.comparison()).isEqualTo(Comparison.GREATER);
    assertThat(c.threshold()).isZero();
    assertThat(c.holds(1)).isTrue();
    assertThat(c.holds(0)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "name: r, when: 'acuracy < 0.9'                 | vigil.yaml: alerts[0].when: unknown metric 'acuracy'",
      "name: r, when: 'accuracy == 0.9'               | vigil.yaml: alerts[0].when: unknown operator '=='",
      "name: r, when: 'accuracy < high'               | vigil.yaml: alerts[0].when: threshold 'high' is not a number",
      "name: r, when: 'accuracy'                      | vigil.yaml: alerts[0].when: 'accuracy' has no comparison",
      "name: r, when: 'detector(ddm, latency_p99)'    | vigil.yaml: alerts[0].when: ddm reads a stream of 0/1 errors",
      "name: r, when: 'detector(foo, error_rate)'     | vigil.yaml: alerts[0].when: unknown detector 'foo'",
      "name: r, when: 'error_rate > 0.1', window: 5x  | vigil.yaml: alerts[0].window: '5x' is not a duration",
      "name: r, when: 'error_rate > 0.1', window: 30s | vigil.yaml: alerts[0].window: 30s is shorter than",
      "name: r, when: 'error_rate > 0.1', for: soon   | vigil.yaml: alerts[0].for: 'soon' is not a duration",
      "name: r, when: 'error_rate > 0.1', severity: page | vigil.yaml: alerts[0].severity: unknown severity 'page'",
      "name: r, when: 'error_rate > 0.1', notify: [pager] | vigil.yaml: alerts[0].notify[0]: unknown notifier 'pager'",
      "name: r, when: 'error_rate > 0.1', min_samples: 0 | vigil.yaml: alerts[0].min_samples: expected a whole number",
      "name: r, when: 'error_rate > 0.1', summary: '{{valeu}}' | vigil.yaml: alerts[0].summary: unknown placeholder {{valeu}}",
      "name: r, when: 'error_rate > 0.1', windw: 5m   | vigil.yaml: alerts[0].windw: unknown key",
      "when: 'error_rate > 0.1'                       | vigil.yaml: alerts[0].name: missing",
      "name: r                                        | vigil.yaml: alerts[0].when: missing"})
  void badRulesNameTheKey(String fields, String message) {
    assertThatThrownBy(() -> parse(rule(fields))).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @Test
  void duplicateRuleNamesAreRefused() {
    assertThatThrownBy(() -> parse("alerts:\n  - {name: a, when: 'rps > 1'}\n  - {name: a, when: 'rps > 2'}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts[1].name: 'a' is used by an earlier rule");
  }

  @Test
  void aBadEvaluationIntervalNamesTheKey() {
    assertThatThrownBy(() -> parse("evaluation_interval: often"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vigil.yaml: evaluation_interval: 'often'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{type: pigeon}                                  | vigil.yaml: notifiers.n.type: unknown notifier type 'pigeon'",
      "{url: 'http://x'}                               | vigil.yaml: notifiers.n.type: missing",
      "{type: webhook}                                 | vigil.yaml: notifiers.n.url: missing",
      "{type: webhook, url: 'ftp://x/y'}               | vigil.yaml: notifiers.n.url: 'ftp://x/y' is not an absolute http(s) URL",
      "{type: webhook, url: 'not a url'}               | vigil.yaml: notifiers.n.url: 'not a url' is not a URL",
      "{type: webhook, url: 'http://x', timeout: 1x}   | vigil.yaml: notifiers.n.timeout: '1x' is not a duration",
      "{type: webhook, url: 'http://x', retries: -1}   | vigil.yaml: notifiers.n.retries: expected a whole number",
      "{type: slack, url: 'http://x', channel: c}      | vigil.yaml: notifiers.n.channel: unknown key for a slack notifier",
      "{type: pagerduty}                               | vigil.yaml: notifiers.n.routing_key: missing",
      "{type: email, smtp_host: h, from: 'a@b.c'}      | vigil.yaml: notifiers.n.to: missing",
      "{type: email, smtp_host: h, from: 'a@b.c', to: ['x y']} | vigil.yaml: notifiers.n.to[0]: 'x y' is not an email address",
      "{type: email, smtp_host: h, from: 'a@b.c', to: x@y.z, smtp_port: 0} | vigil.yaml: notifiers.n.smtp_port: '0' is not a port",
      "{type: alertmanager}                            | vigil.yaml: notifiers.n.url: missing"})
  void badNotifiersNameTheKey(String definition, String message) {
    assertThatThrownBy(() -> parse("notifiers:\n  n: " + definition + "\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @Test
  void everyNotifierTypeReads() {
    AlertSettings s = parse("""
        notifiers:
          team: {type: slack, url: "https://hooks.slack.com/services/T/B/X"}
          pager: {type: pagerduty, routing_key: abc}
          mail: {type: email, smtp_host: localhost, smtp_port: 2525, from: vigil@example.com, to: [a@example.com]}
          am: {type: alertmanager, url: "http://127.0.0.1:9093", retries: 0, retry_backoff: 250ms, timeout: 2s}
        """);
    assertThat(s.notifiers().get("team")).isInstanceOf(SlackNotifier.class);
    assertThat(s.notifiers().get("pager")).isInstanceOf(PagerDutyNotifier.class);
    assertThat(s.notifiers().get("mail")).isInstanceOf(EmailNotifier.class);
    assertThat(s.notifiers().get("am")).isInstanceOf(AlertmanagerNotifier.class);
    assertThat(s.notifiers().get("am").options().retryBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.notifiers().get("am").options().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.notifiers().get("am").resendsEveryEvaluation()).isTrue();
  }
}
