package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class IngestAdmissionTest {

  private static final long MIB = 1 << 20;

  @Test
  void admitsUpToTheRequestLimitThenRefusesAndHoldsNothingForTheRefused() throws Exception {
    IngestAdmission a = new IngestAdmission(3, MIB);
    int[] held = {a.admit(100, 0), a.admit(100, 0), a.admit(100, 0)};
    assertThat(held).containsOnly(1);
    assertThat(a.inFlight()).isEqualTo(3);
    assertThat(a.admit(100, 0)).isZero();
    assertThat(a.inFlight()).isEqualTo(3);
    a.release(held[0]);
    assertThat(a.inFlight()).isEqualTo(2);
    assertThat(a.admit(100, 0)).isEqualTo(1);
  }

  @Test
  void bodiesAreBoundedBySizeAndARefusedBodyGivesItsRequestPlaceBack() throws Exception {
    IngestAdmission a = new IngestAdmission(100, MIB);   // room for four bodies of 1 MiB
    for (int i = 0; i < 4; i++) {
      assertThat(a.admit(MIB, 0)).isEqualTo(1024);
    }
    assertThat(a.admit(2048, 0)).isZero();
    assertThat(a.admit(-1, 0)).as("an undeclared length counts as the largest body").isZero();
    assertThat(a.inFlight()).isEqualTo(4);
    a.release(1024);
    assertThat(a.admit(-1, 0)).isEqualTo(1024);
    assertThat(a.admit(5 * MIB, 0)).as("a declared length past the limit counts as the limit").isZero();
  }

  @Test
  void emptyAndTinyBodiesHoldOneKib() throws Exception {
    IngestAdmission a = new IngestAdmission(10, MIB);
    assertThat(a.admit(0, 0)).isEqualTo(1);
    assertThat(a.admit(1025, 0)).isEqualTo(2);
  }

  @Test
  void aRequestInterruptedWhileWaitingForRoomForItsBodyHoldsNothing() throws Exception {
    IngestAdmission a = new IngestAdmission(10, MIB);
    for (int i = 0; i < 4; i++) {
      a.admit(MIB, 0);
    }
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        outcome.set(new AssertionError("admitted " + a.admit(MIB, 60_000)));
      } catch (InterruptedException e) {
        outcome.set(e);
      }
    });
    waiter.start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.inFlight() == 5);   // its place, no body room
    waiter.interrupt();
    waiter.join(10_000);
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(a.inFlight()).isEqualTo(4);
  }

  @Test
  void theBodyBudgetIsFourOfTheLargestBodies() {
    assertThat(IngestAdmission.budgetKib(16 * MIB)).isEqualTo(4 * 16 * 1024);
    assertThat(IngestAdmission.budgetKib(Long.MAX_VALUE / 2)).isEqualTo(Integer.MAX_VALUE);
  }
}
