package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.storage.LocalPostgres;
import io.vigil.server.storage.PostgresEventStore;
import org.junit.jupiter.api.Test;

/**
 * The shared alert store against {@link AlertStoreContract} on a real PostgreSQL (a database per test, migrated
 * by the event store as the server does), and the evaluator's lock: one holder at a time, taken over when the
 * holder's session ends.
 */
class PostgresAlertStoreIT extends AlertStoreContract {

  private String url;

  @Override
  protected AlertStore open() {
    url = LocalPostgres.shared().newDatabase();
    PostgresEventStore.open(url, "migrate").close();
    return PostgresAlertStore.open(url);
  }

  @Override
  protected AlertStore reopen() {
    return PostgresAlertStore.open(url);
  }

  @Test
  void oneInstanceHoldsTheEvaluatorLockUntilItsSessionEnds() {
    try (EvaluatorLease a = PostgresEvaluatorLease.open(url, "a"); EvaluatorLease b = PostgresEvaluatorLease.open(url, "b")) {
      assertThat(a.holder()).isEmpty();
      assertThat(a.hold()).isTrue();
      assertThat(b.hold()).isFalse();
      assertThat(a.hold()).as("kept at the next round").isTrue();
      assertThat(b.holder()).contains("a");
      a.close();   // the session ends, as when the process dies
      // PostgreSQL drops a session's advisory locks when its backend exits, a moment after the client hung up
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(b::hold);
      assertThat(a.holder()).as("a reconnects to look").contains("b");
      assertThat(a.hold()).isFalse();
    }
  }
}
