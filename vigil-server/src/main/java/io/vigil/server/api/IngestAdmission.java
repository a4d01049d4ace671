package io.vigil.server.api;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What ingest holds at once: at most {@code maxInFlight} requests, and bodies of at most four of the largest allowed
 * ({@link #budgetKib}, 64 MiB by default). Together they bound memory whatever the mix: many single-event requests
 * may be in flight (and share group commits), few large ones. A request that finds no room waits a little where
 * its thread may wait, and is then refused (429).
 *
 * <pre>{@code
 * IngestAdmission admission = new IngestAdmission(1024, 16 << 20);
 * int kib = admission.admit(request.getLength(), 100);   // 0: refused, nothing held
 * ...
 * admission.release(kib);                                // once answered
 * }</pre>
 */
final class IngestAdmission {

  private final int maxInFlight;
  private final long maxBodyBytes;
  private final Semaphore requests;
  /** Room for bodies, in KiB. */
  private final Semaphore kibs;

  IngestAdmission(int maxInFlight, long maxBodyBytes) {
    this.maxInFlight = maxInFlight;
    this.maxBodyBytes = maxBodyBytes;
    this.requests = new Semaphore(maxInFlight);
    this.kibs = new Semaphore(budgetKib(maxBodyBytes));
  }

  /** Bodies held at once, in KiB: four of the largest allowed. */
  static int budgetKib(long maxBodyBytes) {
    return (int) Math.min(Integer.MAX_VALUE, 4 * ((maxBodyBytes + 1023) / 1024));
  }

  /**
   * Admits a request whose body declares {@code declared} bytes (negative: not declared, so it may be as large as
   * allowed), waiting up to {@code waitMillis} for room.
   *
   * @return the KiB it holds (at least 1) until {@link #release}, or 0 when refused (then it holds nothing)
   */
  int admit(long declared, long waitMillis) throws InterruptedException {
    int kib = (int) Math.max(1, ((declared < 0 || declared > maxBodyBytes ? maxBodyBytes : declared) + 1023) / 1024);
    if (!requests.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
      return 0;
    }
    boolean room = false;
    try {
      room = kibs.tryAcquire(kib, waitMillis, TimeUnit.MILLISECONDS);
    } finally {
      if (!room) {   // no room for the body, or interrupted while waiting for it: give the request's place back
        requests.release();
      }
    }
    return room ? kib : 0;
  }

  /** Gives back what {@link #admit} granted. */
  void release(int kib) {
    kibs.release(kib);
    requests.release();
  }

  /** Requests admitted and not yet released. */
  int inFlight() {
    return maxInFlight - requests.availablePermits();
  }
}
