package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertStore} must do (the embedded one today, PostgreSQL later): keep alerts and silences as
 * given, find them by state and model newest first, and hand the active ones back after a reopen.
 */
abstract class AlertStoreContract {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  /** A fresh, empty store. */
  protected abstract AlertStore open() throws Exception;

  /** The same store opened again, as after a restart. */
  protected abstract AlertStore reopen() throws Exception;

  private AlertStore store;

  @BeforeEach
  void start() throws Exception {
    store = open();
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private static AlertRecord alert(String id, String model, AlertState state, int minutes) {
    Instant at = T.plusSeconds(60L * minutes);
    return new AlertRecord(id, "errors", model, "v1", Severity.CRITICAL, state, 0.25, 0.05, at.minusSeconds(30), at,
        state == AlertState.RESOLVED ? at.plusSeconds(300) : null, "s-" + id, state == AlertState.PENDING ? null : at);
  }

  @Test
  void keepsEveryFieldAsGiven() {
    AlertRecord a = alert("a", "fraud", AlertState.RESOLVED, 0);
    store.save(a);
    assertThat(store.find(null, null, 10)).containsExactly(a);
  }

  @Test
  void findsByStateAndModelNewestFirstWithinTheLimit() {
    store.save(alert("a", "fraud", AlertState.RESOLVED, 0));
    store.save(alert("b", "fraud", AlertState.FIRING, 2));
    store.save(alert("c", "intent", AlertState.FIRING, 1));
    store.save(alert("d", "fraud", AlertState.PENDING, 3));
    assertThat(store.find(null, null, 10)).extracting(AlertRecord::id).containsExactly("d", "b", "c", "a");
    assertThat(store.find(AlertState.FIRING, null, 10)).extracting(AlertRecord::id).containsExactly("b", "c");
    assertThat(store.find(null, "fraud", 2)).extracting(AlertRecord::id).containsExactly("d", "b");
    assertThat(store.find(AlertState.RESOLVED, "intent", 10)).isEmpty();
    assertThat(store.active()).extracting(AlertRecord::id).containsExactlyInAnyOrder("b", "c", "d");
  }

  @Test
  void savingAgainReplacesAndDeleteForgets() {
    AlertRecord pending = alert("a", "fraud", AlertState.PENDING, 0);
    store.save(pending);
    store.save(pending.fire(T.plusSeconds(90)).notified(T.plusSeconds(90)));
    assertThat(store.find(null, null, 10)).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.startsAt()).isEqualTo(T.plusSeconds(90));
      assertThat(a.lastNotifiedAt()).isEqualTo(T.plusSeconds(90));
    });
    store.delete("a");
    assertThat(store.find(null, null, 10)).isEmpty();
  }

  @Test
  void activeAlertsAndSilencesSurviveAReopen() throws Exception {
    AlertRecord firing = alert("a", "fraud", AlertState.FIRING, 0);
    store.save(firing);
    store.save(alert("b", "fraud", AlertState.RESOLVED, 1));
    Silence s = new Silence("s1", Map.of("model", "fraud", "severity", "critical"), T, T.plusSeconds(3600), "deploy", T);
    store.saveSilence(s);
    store.close();
    store = reopen();
    assertThat(store.active()).containsExactly(firing);
    assertThat(store.silences()).containsExactly(s);
  }

  @Test
  void silencesAreListedNewestFirstAndDeletedOnce() {
    store.saveSilence(new Silence("old", Map.of("rule", "r"), T, T.plusSeconds(60), null, T));
    store.saveSilence(new Silence("new", Map.of("model", "m"), T, T.plusSeconds(60), "c", T.plusSeconds(1)));
    assertThat(store.silences()).extracting(Silence::id).containsExactly("new", "old");
    assertThat(store.deleteSilence("old")).isTrue();
    assertThat(store.deleteSilence("old")).isFalse();
    assertThat(store.silences()).extracting(Silence::id).containsExactly("new");
  }

  @Test
  void aSilenceMutesOnlyWhatItMatchesWhileInForce() {
    Silence s = new Silence("s", Map.of("model", "fraud", "severity", "critical"), T, T.plusSeconds(60), null, T);
    AlertRecord fraud = alert("a", "fraud", AlertState.FIRING, 0);
    assertThat(s.mutes(fraud, T.plusSeconds(30))).isTrue();
    assertThat(s.mutes(fraud, T.plusSeconds(60))).isFalse();
    assertThat(s.mutes(fraud, T.minusSeconds(1))).isFalse();
    assertThat(s.mutes(alert("b", "intent", AlertState.FIRING, 0), T.plusSeconds(30))).isFalse();
    assertThat(List.of(s.active(T), s.active(T.plusSeconds(60)))).containsExactly(true, false);
  }
}
