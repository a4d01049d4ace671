package io.vigil.server.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.profile.WindowProfile;
import io.vigil.server.storage.ProfileStore.Key;
import io.vigil.server.storage.ProfileStore.Resolution;
import org.junit.jupiter.api.Test;

/** {@link ProfileCache}: bounded by encoded bytes, least recently used first out; whole profiles beat views. */
class ProfileCacheTest {

  static Key minute(long bucket) {
    return new Key("m", "v1", Resolution.MINUTE, bucket);
  }

  @Test
  void theByteBudgetEvictsTheLeastRecentlyUsed() {
    ProfileCache cache = new ProfileCache(1000);
    for (long b = 0; b < 4; b++) {
      cache.putWhole(minute(b), new WindowProfile(), 300);
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.bytes()).isEqualTo(900);
    assertThat(cache.whole(minute(0))).as("the oldest went").isNull();
    cache.whole(minute(1));   // used: now the newest
    cache.putWhole(minute(4), new WindowProfile(), 300);
    assertThat(cache.whole(minute(1))).isNotNull();
    assertThat(cache.whole(minute(2))).isNull();
    cache.putWhole(minute(5), new WindowProfile(), 5000);   // larger than the whole budget: not kept
    assertThat(cache.whole(minute(5))).isNull();
    assertThat(cache.bytes()).isLessThanOrEqualTo(1000);
  }

  @Test
  void aWholeProfileServesPerformanceQueriesAndReplacesTheView() {
    ProfileCache cache = new ProfileCache(10_000);
    WindowProfile view = new WindowProfile();
    WindowProfile whole = new WindowProfile();
    cache.putView(minute(1), view, 400);
    assertThat(cache.forPerformance(minute(1))).isSameAs(view);
    assertThat(cache.whole(minute(1))).isNull();
    cache.putWhole(minute(1), whole, 400);
    assertThat(cache.forPerformance(minute(1))).isSameAs(whole);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytes()).isEqualTo(400);
    cache.putWhole(minute(1), new WindowProfile(), 500);   // a checkpoint replaces it
    assertThat(cache.bytes()).isEqualTo(500);
    cache.clear();
    assertThat(cache.bytes()).isZero();
    assertThat(cache.forPerformance(minute(1))).isNull();
  }

  @Test
  void checkpointsReplaceWhatIsCachedButAddOnlyWhatTheyAreToldTo() {
    ProfileCache cache = new ProfileCache(10_000);
    WindowProfile read = new WindowProfile();
    cache.putWhole(minute(1), read, 400);   // a query read minute 1
    WindowProfile rewritten = new WindowProfile();
    cache.checkpointed(minute(1), rewritten, 450, false);
    assertThat(cache.whole(minute(1))).as("cached entries follow the store").isSameAs(rewritten);
    cache.checkpointed(minute(2), new WindowProfile(), 450, false);
    assertThat(cache.whole(minute(2))).as("a minute no one asked for is not added").isNull();
    cache.putView(minute(3), new WindowProfile(), 100);
    cache.checkpointed(minute(3), new WindowProfile(), 450, false);
    assertThat(cache.forPerformance(minute(3))).as("a stale performance view goes").isNull();
    WindowProfile hour = new WindowProfile();
    cache.checkpointed(minute(4), hour, 450, true);
    assertThat(cache.whole(minute(4))).isSameAs(hour);
    assertThat(cache.bytes()).isEqualTo(900);
  }

  @Test
  void bigMinuteProfilesAreNotAdmittedButHoursAndDaysAre() {
    ProfileCache cache = new ProfileCache(64_000);
    assertThat(cache.admits(minute(1), 1000)).isTrue();
    assertThat(cache.admits(minute(1), 1001)).as("over a sixty-fourth of the budget").isFalse();
    Key hour = new Key("m", "v1", Resolution.HOUR, 0);
    Key day = new Key("m", "v1", Resolution.DAY, 0);
    assertThat(cache.admits(hour, 20_000)).isTrue();
    assertThat(cache.admits(day, 20_000)).isTrue();
  }

  @Test
  void theDefaultBudgetIsASixtyFourthOfTheHeapWithinBounds() {
    assertThat(ProfileCache.defaultBudget()).isBetween(16L << 20, 256L << 20);
  }

  @Test
  void theBudgetPropertyOverridesTheDefaultAndBadValuesNameIt() {
    String before = System.getProperty(ProfileCache.BUDGET_PROPERTY);
    try {
      System.setProperty(ProfileCache.BUDGET_PROPERTY, "64");
      assertThat(ProfileCache.defaultBudget()).isEqualTo(64L << 20);
      System.setProperty(ProfileCache.BUDGET_PROPERTY, "0");
      ProfileCache off = new ProfileCache(ProfileCache.defaultBudget());
      off.putWhole(minute(1), new WindowProfile(), 1);
      assertThat(off.whole(minute(1))).as("a zero budget caches nothing").isNull();
      for (String bad : new String[] {"-1", "lots", "1e3", "70000"}) {
        System.setProperty(ProfileCache.BUDGET_PROPERTY, bad);
        assertThatThrownBy(ProfileCache::defaultBudget).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(ProfileCache.BUDGET_PROPERTY).hasMessageContaining("'" + bad + "'");
      }
    } finally {
      if (before == null) {
        System.clearProperty(ProfileCache.BUDGET_PROPERTY);
      } else {
        System.setProperty(ProfileCache.BUDGET_PROPERTY, before);
      }
    }
  }
}
