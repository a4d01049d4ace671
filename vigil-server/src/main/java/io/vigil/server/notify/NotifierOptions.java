package io.vigil.server.notify;

import java.time.Duration;

/**
 * What every notifier accepts besides its own keys: {@code retries} (default 3, so up to 4 attempts), {@code
 * retry_backoff} (default 1s, doubled after each failure) and {@code timeout} (default 10s per attempt).
 *
 * <pre>{@code
 * notifiers:
 *   oncall: {type: webhook, url: "http://127.0.0.1:9999/hook", retries: 5, retry_backoff: 500ms, timeout: 5s}
 * }</pre>
 */
public record NotifierOptions(int retries, Duration retryBackoff, Duration timeout) {

  public static final NotifierOptions DEFAULT = new NotifierOptions(3, Duration.ofSeconds(1), Duration.ofSeconds(10));

  public NotifierOptions {
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException("retries " + retries + " is outside 0 to 20");
    }
  }

  /** The wait before attempt {@code attempt} (1-based; attempt 1 has none). */
  public Duration backoffBefore(int attempt) {
    return attempt <= 1 ? Duration.ZERO : retryBackoff.multipliedBy(1L << Math.min(attempt - 2, 16));
  }
}
