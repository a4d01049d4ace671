package io.vigil.server.kafka;

import java.util.Locale;

/**
 * Where the consumer thread's time goes (README, "Scaling out": what sizing is based on): parsing records,
 * storing events and counting them into the profiles (the rest is waiting for Kafka). Only the consumer thread
 * writes it.
 */
final class IngestTimes {

  private long records;
  private long parse;
  private long store;
  private long ingest;
  private long since = System.nanoTime();

  void add(int n, long parseNanos, long storeNanos, long ingestNanos) {
    records += n;
    parse += parseNanos;
    store += storeNanos;
    ingest += ingestNanos;
  }

  /** One line about the period since the last report (null when nothing was consumed), and a new period. */
  String report() {
    long now = System.nanoTime();
    double wall = now - since;
    double busy = parse + ingest;
    String line = records == 0 ? null : String.format(Locale.ROOT, "%,d records in %.1f s, handled in %.1f s"
        + " (%,.0f/s while busy): parse %.0f %%, store %.0f %%, aggregate %.0f %% of the handling time", records,
        wall / 1e9, busy / 1e9, records / (busy / 1e9), 100 * parse / busy, 100 * store / busy,
        100 * (ingest - store) / busy);
    records = 0;
    parse = 0;
    store = 0;
    ingest = 0;
    since = now;
    return line;
  }
}
