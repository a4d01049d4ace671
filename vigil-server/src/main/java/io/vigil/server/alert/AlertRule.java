package io.vigil.server.alert;

import java.time.Duration;
import java.util.List;

/**
 * One {@code alerts:} entry of {@code vigil.yaml} (SPEC section 8), checked.
 *
 * <pre>{@code
 * alerts:
 *   - {name: high-errors, model: "*", when: "error_rate > 0.05", window: 5m, for: 1m, severity: critical,
 *      notify: [oncall], summary: "{{model}}/{{version}} fails {{value}} of requests", min_samples: 100}
 * }</pre>
 *
 * @param model a model's name, or {@code *} for every model (one alert per model and version)
 * @param window the span the metric is computed over, ending at the evaluation time
 * @param holdFor how long the condition must hold before a pending alert fires ({@code for}; 0 fires at once)
 * @param minSamples fewer events (labels for performance metrics) in the window means "no data", not a value
 * @param repeatInterval a firing alert is notified again after this long
 */
public record AlertRule(String name, String model, Condition condition, Duration window, Duration holdFor,
    Severity severity, List<String> notifiers, String summary, long minSamples, Duration repeatInterval) {

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  public static final long DEFAULT_MIN_SAMPLES = 100;
  public static final Duration DEFAULT_REPEAT = Duration.ofHours(4);

  public AlertRule {
    notifiers = List.copyOf(notifiers);
  }

  public boolean everyModel() {
    return model.equals("*");
  }
}
