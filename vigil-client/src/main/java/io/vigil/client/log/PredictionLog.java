package io.vigil.client.log;

import io.vigil.client.Json;
import io.vigil.client.PredictionEvent;
import io.vigil.client.PredictionListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each prediction as one JSON line through SLF4J, for teams that ship logs rather than run a Vigil server.
 *
 * <pre>{@code
 * ModelMonitor monitor = ModelMonitor.builder("loan")
 *     .log(PredictionLog.builder().redact("ssn").redactMatching("(?i).*email.*").sampleRate(0.1).build())
 *     .build();
 * // INFO vigil.predictions - {"timestamp":"2026-11-22T10:00:00Z","model":"loan","version":"default",
 * //   "id":"…","inputs":{"income":52000.0,"ssn":"[redacted]"},"outputs":{"prediction":"approve",
 * //   "scores":{"approve":0.83,"deny":0.17},"confidence":0.83},"latency_ms":0.42,"status":"ok","error":null}
 * }</pre>
 *
 * <p>Redaction replaces the value of every input whose name is listed exactly or fully matches a pattern with
 * {@code "[redacted]"}; the name stays, so the log still shows the field was there. Sampling is by prediction id,
 * the same decision as the exporter's at the same rate. Logged at INFO on the logger {@code vigil.predictions}
 * (settable), so the usual logging configuration routes, rotates or silences it; when INFO is off for that
 * logger nothing is formatted at all.
 *
 * <p>The line is built on the model's thread (SLF4J has no deferred formatting that all backends honour), about
 * a microsecond for 20 features: use {@link Builder#sampleRate} on hot paths.
 */
public final class PredictionLog implements PredictionListener {
  /** What a redacted value is replaced with. */
  public static final String REDACTED = "[redacted]";

  private final Logger logger;
  private final Set<String> redactedNames;
  private final List<Pattern> redactedPatterns;
  private final double sampleRate;

  private PredictionLog(Builder builder) {
    this.logger = builder.logger != null ? builder.logger : LoggerFactory.getLogger(builder.loggerName);
    this.redactedNames = Set.copyOf(builder.names);
    this.redactedPatterns = List.copyOf(builder.patterns);
    this.sampleRate = builder.sampleRate;
  }

  /** Starts configuring a log. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onPrediction(PredictionEvent event) {
    if (logger.isInfoEnabled() && event.sampled(sampleRate)) {
      logger.info(format(event));
    }
  }

  /** The JSON line for {@code event}, redaction applied. */
  public String format(PredictionEvent event) {
    StringBuilder out = new StringBuilder(512);
    out.append("{\"timestamp\":");
    Json.appendString(out, Instant.ofEpochMilli(event.timestampMillis()).toString());
    out.append(",\"model\":");
    Json.appendString(out, event.model());
    out.append(",\"version\":");
    Json.appendString(out, event.version());
    out.append(",\"id\":");
    Json.appendString(out, event.id().toString());
    out.append(",\"inputs\":");
    appendInputs(out, event.features());
    out.append(",\"outputs\":{\"prediction\":");
    Json.appendValue(out, event.prediction());
    out.append(",\"scores\":");
    Json.appendValue(out, event.scores());
    out.append(",\"confidence\":");
    Json.appendDouble(out, event.confidence());
    out.append("},\"latency_ms\":");
    Json.appendDouble(out, event.latencyMs());
    out.append(",\"status\":");
    Json.appendString(out, event.status());
    out.append(",\"error\":");
    Json.appendValue(out, event.error());
    return out.append('}').toString();
  }

  private void appendInputs(StringBuilder out, Map<String, ?> features) {
    if (features == null) {
      out.append("null");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, ?> entry : features.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      String name = String.valueOf(entry.getKey());
      Json.appendString(out, name);
      out.append(':');
      Json.appendValue(out, isRedacted(name) ? REDACTED : entry.getValue());
    }
    out.append('}');
  }

  /** Whether the input {@code name} is redacted: listed exactly, or fully matched by a pattern. */
  public boolean isRedacted(String name) {
    if (redactedNames.contains(name)) {
      return true;
    }
    for (Pattern pattern : redactedPatterns) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Log settings. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private String loggerName = "vigil.predictions";
    private Logger logger;
    private double sampleRate = 1.0;

    private Builder() {}

    /** Inputs whose value is replaced by {@value PredictionLog#REDACTED}, by exact name. */
    public Builder redact(String... names) {
      this.names.addAll(List.of(names));
      return this;
    }

    /** Inputs redacted when {@code regex} matches their whole name, e.g. {@code "(?i).*(ssn|email).*"}. */
    public Builder redactMatching(String regex) {
      patterns.add(Pattern.compile(regex));
      return this;
    }

    /** Fraction of predictions logged, decided by id (default 1). */
    public Builder sampleRate(double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException("sampleRate must be in [0, 1], got " + rate);
      }
      this.sampleRate = rate;
      return this;
    }

    /** The SLF4J logger name (default {@code vigil.predictions}). */
    public Builder loggerName(String name) {
      this.loggerName = name;
      return this;
    }

    /** An SLF4J logger to use instead of looking one up by name. */
    public Builder logger(Logger logger) {
      this.logger = logger;
      return this;
    }

    /** The log. */
    public PredictionLog build() {
      return new PredictionLog(this);
    }
  }
}
