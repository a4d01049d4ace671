package io.vigil.server;

import io.vigil.server.storage.StoreException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator once that the store stopped taking writes (disk full, a read-only data folder) and once that
 * it takes them again, however many requests fail in between: a log line per failed batch would bury the cause.
 * Ingest answers 503 with {@code Retry-After} meanwhile (nothing of a failed batch was acknowledged); reads go on.
 *
 * <pre>{@code
 * StoreOutage outage = new StoreOutage();
 * List<PredictionEvent> fresh = outage.write(() -> store.append(events, bodies));
 * }</pre>
 */
final class StoreOutage {

  private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

  private final AtomicBoolean failing = new AtomicBoolean();

  /** Runs a write; a {@link StoreException} is passed on, after the first one of an outage is logged. */
  <T> T write(Supplier<T> write) {
    T result;
    try {
      result = write.get();
    } catch (StoreException e) {
      failed(e);
      throw e;
    }
    if (failing.compareAndSet(true, false)) {
      LOG.info("the store takes writes again: ingest is back");
    }
    return result;
  }

  /** Records a store failure from any route; logs only the first of an outage. */
  void failed(StoreException e) {
    if (failing.compareAndSet(false, true)) {
      LOG.error("the store cannot write: {}. Ingest answers 503 until it can (check free disk space and that the"
          + " data folder is writable); reads go on.", e.getMessage());
    } else {
      LOG.debug("store still failing: {}", e.getMessage());
    }
  }

  boolean failing() {
    return failing.get();
  }
}
