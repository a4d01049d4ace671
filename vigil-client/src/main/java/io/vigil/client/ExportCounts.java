package io.vigil.client;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * What became of the events an exporter was given, and the meters that show it.
 *
 * <pre>{@code
 * counts.queueFull.increment();   // on the model's thread: LongAdder, so no contention between callers
 * counts.bindTo(registry, queue); // vigil_client_dropped_total{reason="queue_full"} ...
 * }</pre>
 *
 * <p>Every event offered and not sampled out ends in exactly one of these counters (or is still queued):
 * {@code sent + dropped() + queued == offered}, which the exporter tests check.
 */
final class ExportCounts {
  final LongAdder sent = new LongAdder();
  final LongAdder queueFull = new LongAdder();
  final LongAdder sendFailed = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder closed = new LongAdder();

  long dropped() {
    return queueFull.sum() + sendFailed.sum() + rejected.sum() + closed.sum();
  }

  void bindTo(MeterRegistry registry, Collection<?> queue) {
    dropCounter(registry, "queue_full", queueFull);
    dropCounter(registry, "send_failed", sendFailed);
    dropCounter(registry, "rejected", rejected);
    dropCounter(registry, "closed", closed);
    FunctionCounter.builder("vigil.client.sent", sent, LongAdder::sum)
        .description("Events the Vigil server accepted").register(registry);
    Gauge.builder("vigil.client.queue.size", queue, Collection::size)
        .description("Events waiting to be sent to the Vigil server").register(registry);
  }

  private static void dropCounter(MeterRegistry registry, String reason, LongAdder count) {
    FunctionCounter.builder("vigil.client.dropped", count, LongAdder::sum).tag("reason", reason)
        .description("Events not delivered to the Vigil server").register(registry);
  }
}
