package io.vigil.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link EventIds}: version 7 UUIDs that carry their millisecond and sort by it. */
class EventIdsTest {

  @Test
  void idsAreVersion7WithTheirMillisecondAndTheRfcVariant() {
    long millis = Instant.parse("2026-12-01T06:00:00.123Z").toEpochMilli();
    UUID id = UUID.fromString(EventIds.next(millis, new Random(1)));
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
  }

  @Test
  void laterMillisecondsSortLaterAndIdsDoNotRepeat() {
    Random random = new Random(2);
    String earlier = EventIds.next(1_000, random);
    String later = EventIds.next(1_001, random);
    assertThat(earlier).isLessThan(later);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      assertThat(seen.add(EventIds.next())).isTrue();
    }
  }

  @Test
  void eventsWithoutAnIdGetOne() {
    PredictionEvent e = PredictionEvent.builder("m").feature("x", 1.0).build(Instant.EPOCH);
    assertThat(UUID.fromString(e.id()).version()).isEqualTo(7);
  }
}
