package io.vigil.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one JSON batch to the Vigil server, retrying transient failures with exponential backoff and jitter.
 *
 * <pre>{@code
 * Outcome outcome = sender.send("/api/v1/predictions", body, () -> Long.MAX_VALUE);   // no deadline
 * }</pre>
 *
 * <p>Transient: an I/O error (connection refused, reset, timeout), 429 and 5xx. Attempt {@code k} (from 1) waits
 * {@code d/2 + uniform(0, d/2)} with {@code d = min(maxBackoff, initialBackoff * 2^(k-1))} ("equal jitter":
 * never less than half the exponential delay, so a fleet of clients spreads out without retrying at once), or the
 * server's {@code Retry-After} seconds when that is longer, capped at {@link #MAX_RETRY_AFTER}. Other 4xx answers
 * mean the server will never accept this batch, so they are not retried.
 *
 * <p>Logging stays quiet: one warning when delivery starts failing, one info line when it recovers.
 */
final class HttpBatchSender {
  /** The longest {@code Retry-After} honoured: beyond it the queue would only fill up and drop anyway. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(VigilExporter.class);

  /** What became of a batch. */
  enum Outcome { SENT, REJECTED, FAILED }

  private final HttpClient client;
  private final String base;
  private final Map<String, String> headers;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final Random jitter;
  private boolean failing;

  HttpBatchSender(URI server, VigilExporter.Builder options) {
    String text = server.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.headers = Map.copyOf(options.headers);
    this.requestTimeout = options.requestTimeout;
    this.maxAttempts = options.maxAttempts;
    this.initialBackoffNanos = options.initialBackoff.toNanos();
    this.maxBackoffNanos = options.maxBackoff.toNanos();
    this.jitter = new Random(options.jitterSeed);
    // HTTP/1.1: plain-http HTTP/2 would first try an h2c upgrade that Vigil's server does not need.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout).build();
  }

  /**
   * Sends {@code body} to {@code path}, retrying until it is accepted, rejected, {@code maxAttempts} are spent,
   * or {@code timeLeft} (nanoseconds until the exporter's close deadline, {@code Long.MAX_VALUE} when open)
   * runs out.
   */
  Outcome send(String path, String body, LongSupplier timeLeft) throws InterruptedException {
    URI uri = URI.create(base + path);
    for (int attempt = 1; ; attempt++) {
      long retryAfterNanos = 0;
      String problem;
      long remaining = timeLeft.getAsLong();
      if (remaining <= 0) {
        return failed(uri, "closing");
      }
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(remaining < requestTimeout.toNanos() ? Duration.ofNanos(remaining) : requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          if (failing) {
            failing = false;
            LOG.info("Vigil server {} accepts events again", base);
          }
          return Outcome.SENT;
        }
        if (status != 429 && status / 100 != 5) {
          LOG.warn("Vigil server {} rejected a batch with HTTP {}: {}", uri, status, abbreviate(response.body()));
          return Outcome.REJECTED;
        }
        problem = "HTTP " + status;
        retryAfterNanos = retryAfterNanos(response.headers().firstValue("Retry-After").orElse(null));
      } catch (IOException e) {
        problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt >= maxAttempts) {
        return failed(uri, problem + " after " + attempt + " attempts");
      }
      long wait = Math.max(backoffNanos(attempt), retryAfterNanos);
      long left = timeLeft.getAsLong();
      if (left <= 0) {
        return failed(uri, problem);
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, left));
    }
  }

  /** Equal-jitter exponential delay before attempt {@code attempt + 1}. */
  long backoffNanos(int attempt) {
    double exponential = initialBackoffNanos * Math.pow(2, attempt - 1);
    long delay = (long) Math.min(maxBackoffNanos, exponential);
    return delay / 2 + (long) (jitter.nextDouble() * (delay / 2));
  }

  /** {@code Retry-After} in delay-seconds form, capped; 0 when absent or not a number (HTTP dates are ignored). */
  static long retryAfterNanos(String header) {
    if (header == null) {
      return 0;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds <= 0 ? 0 : Math.min(TimeUnit.SECONDS.toNanos(seconds), MAX_RETRY_AFTER.toNanos());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Outcome failed(URI uri, String problem) {
    if (!failing) {
      failing = true;
      LOG.warn("Vigil server {} unreachable ({}); dropping events until it answers (counted in "
          + "vigil.client.dropped)", uri, problem);
    }
    return Outcome.FAILED;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
