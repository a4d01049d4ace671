package io.vigil.server.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code from}, {@code to} and {@code step} query parameters (SPEC section 4): ISO-8601, epoch milliseconds,
 * or relative to now ({@code -1h}, {@code -30m}, {@code now}).
 *
 * <pre>{@code
 * TimeRange r = TimeRange.parse("-1h", "now", null, clock.instant());   // the last hour, one-minute steps
 * }</pre>
 *
 * @param step the series' resolution, a whole number of minutes
 */
public record TimeRange(Instant from, Instant to, Duration step) {

  private static final Pattern RELATIVE = Pattern.compile("-(\\d+)([smhd])");
  /** At most this many points in a series: a month in one-minute steps would be 43,200. */
  static final int MAX_POINTS = 1440;

  public static TimeRange parse(String from, String to, String step, Instant now) {
    Instant f = from == null ? now.minus(Duration.ofHours(1)) : instant("from", from, now);
    Instant t = to == null ? now : instant("to", to, now);
    if (!f.isBefore(t)) {
      throw new IllegalArgumentException("from: " + f + " is not before to (" + t + ")");
    }
    Duration range = Duration.between(f, t);
    Duration s = step == null ? autoStep(range) : duration("step", step);
    if (s.toMinutes() < 1 || s.toMillis() % 60_000 != 0) {
      throw new IllegalArgumentException("step: expected a whole number of minutes (1m, 5m, 1h), got " + step);
    }
    if (range.toMillis() / s.toMillis() > MAX_POINTS) {
      throw new IllegalArgumentException("step: " + step + " gives more than " + MAX_POINTS + " points over "
          + range + "; use a larger step");
    }
    return new TimeRange(f, t, s);
  }

  private static Duration autoStep(Duration range) {
    long minutes = Math.max(1, (range.toMinutes() + MAX_POINTS / 4 - 1) / (MAX_POINTS / 4));
    return Duration.ofMinutes(minutes);
  }

  static Instant instant(String name, String text, Instant now) {
    if (text.equals("now")) {
      return now;
    }
    if (text.startsWith("-")) {
      return now.minus(duration(name, text.substring(1)));
    }
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 16) {
      return Instant.ofEpochMilli(Long.parseLong(text));
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": expected ISO-8601 (2026-11-22T10:00:00Z), epoch milliseconds or"
          + " a relative time (-1h, now), got '" + text + "'");
    }
  }

  static Duration duration(String name, String text) {
    Matcher m = RELATIVE.matcher("-" + text);
    if (!m.matches()) {
      throw new IllegalArgumentException(name + ": expected a duration such as 30s, 5m, 1h or 7d, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      default:
        return Duration.ofDays(n);
    }
  }
}
