package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final RateLimiter limits = new RateLimiter(now::get);

  @Test
  void allowsOneSecondsWorthThenRefillsAtTheRate() {
    for (int i = 0; i < 10; i++) {
      assertThat(limits.acquire("t", 10)).as("request %d", i).isZero();
    }
    long wait = limits.acquire("t", 10);
    assertThat(wait).isEqualTo(100_000_000L);   // one request per 100 ms
    now.addAndGet(wait);
    assertThat(limits.acquire("t", 10)).isZero();
    assertThat(limits.acquire("t", 10)).isPositive();
  }

  @Test
  void eachKeyHasItsOwnBucketAndASlowRateStillAllowsOne() {
    assertThat(limits.acquire("slow", 0.5)).isZero();
    assertThat(limits.acquire("slow", 0.5)).isEqualTo(2_000_000_000L);
    assertThat(limits.acquire("other", 0.5)).isZero();
    now.addAndGet(60_000_000_000L);   // a long pause refills to the capacity, not beyond
    assertThat(limits.acquire("slow", 0.5)).isZero();
    assertThat(limits.acquire("slow", 0.5)).isPositive();
  }
}
