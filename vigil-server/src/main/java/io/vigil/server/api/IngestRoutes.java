package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.event.PredictionEvent;
import io.vigil.server.exposition.ServerMetrics;
import io.vigil.server.ingest.MalformedBodyException;
import io.vigil.server.ingest.PredictionBatchParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/predictions}: a JSON array or NDJSON of events (SPEC section 4). Answers
 * {@code {"accepted": n, "ids": [...], "rejected": [{"index": i, "error": "..."}]}}: 200 when at least one event
 * was accepted (or the batch was empty), 400 when none was, or the body is not JSON; 413 past the body limit
 * (checked before reading when the length is declared, and while reading when it is not); 415 for a content type
 * that is not JSON; 429 with {@code Retry-After} when too many batches are in flight.
 *
 * <pre>{@code
 * curl -X POST http://127.0.0.1:8080/api/v1/predictions -H 'Content-Type: application/json' \
 *      -d '[{"model": "fraud", "features": {"amount": 12.5}}]'
 * }</pre>
 */
public final class IngestRoutes {

  private static final long OVERLOAD_WAIT_MS = 100;
  private static final Set<String> JSON_TYPES =
      Set.of("application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "text/plain");

  /**
   * The accepted-events answer. {@code duplicates} counts accepted events whose id was already stored (a retry):
   * acknowledged again, counted once. With Kafka the events are counted when consumed, and {@code duplicates} is 0.
   */
  public record IngestAnswer(int accepted, List<String> ids, List<PredictionBatchParser.Rejection> rejected,
      int duplicates) {}

  private final PredictionBatchParser parser;
  private final ServerMetrics metrics;
  private final Destination store;
  private final long maxBodyBytes;
  private final Semaphore inFlight;
  /**
   * Bodies held at once, in KiB: four of the largest allowed (64 MiB by default). With the batch count, this
   * bounds memory whatever the mix of small and large requests: many single-event requests may be in flight
   * (and share group commits), few large ones.
   */
  private final Semaphore bytesInFlight;

  static int budgetKib(long maxBodyBytes) {
    return (int) Math.min(Integer.MAX_VALUE, 4 * ((maxBodyBytes + 1023) / 1024));
  }

  /** Where a batch's accepted events go, durably, before the answer is sent. */
  public interface Destination {
    /** @param bodies each event's JSON as received */
    Written write(List<PredictionEvent> events, List<byte[]> bodies);

    /**
     * The store's destination: {@code store} returns the events not seen before (the ones to count now); the others
     * are duplicates.
     */
    static Destination storing(BiFunction<List<PredictionEvent>, List<byte[]>, List<PredictionEvent>> store) {
      return (events, bodies) -> {
        List<PredictionEvent> fresh = store.apply(events, bodies);
        return new Written(fresh, events.size() - fresh.size());
      };
    }

    /** Kafka's destination: the consumer counts the events (and recognises duplicates) when it reads them. */
    static Destination forwarding(EventForwarder forwarder) {
      return (events, bodies) -> {
        forwarder.predictions(events, bodies);
        return new Written(List.of(), 0);
      };
    }
  }

  /** What became of the written events: those to count now, and how many were duplicates. */
  public record Written(List<PredictionEvent> counted, int duplicates) {}

  /**
   * @param store stores the accepted events of a batch (and their JSON as received) durably, or forwards them to
   *     Kafka, before the answer is sent
   */
  public IngestRoutes(PredictionBatchParser parser, ServerMetrics metrics, Destination store, long maxBodyBytes,
      int maxInFlight) {
    this.parser = parser;
    this.metrics = metrics;
    this.store = store;
    this.maxBodyBytes = maxBodyBytes;
    this.inFlight = new Semaphore(maxInFlight);
    this.bytesInFlight = new Semaphore(budgetKib(maxBodyBytes));
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/predictions", this::predictions);
  }

  /**
   * At most {@code maxInFlight} batches are parsed and stored at once; one more waits briefly, then gets 429 with
   * {@code Retry-After}, so overload slows clients down instead of growing memory.
   */
  private void predictions(Context ctx) throws IOException, InterruptedException {
    long declared = ctx.req().getContentLengthLong();
    int kib = (int) ((declared < 0 || declared > maxBodyBytes ? maxBodyBytes : declared) + 1023) / 1024;
    kib = Math.max(1, kib);
    if (!inFlight.tryAcquire(OVERLOAD_WAIT_MS, TimeUnit.MILLISECONDS)) {
      overloaded(ctx);
      return;
    }
    try {
      if (!bytesInFlight.tryAcquire(kib, OVERLOAD_WAIT_MS, TimeUnit.MILLISECONDS)) {
        overloaded(ctx);
        return;
      }
      try {
        ingest(ctx);
      } finally {
        bytesInFlight.release(kib);
      }
    } finally {
      inFlight.release();
    }
  }

  private void overloaded(Context ctx) {
    metrics.rejected("overloaded", 1);
    ctx.header("Retry-After", "1").status(429).json(ApiError.of("the server is busy ingesting: retry after a"
        + " second (batches of a few hundred events help)"));
  }

  private void ingest(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "application/json"
        : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!JSON_TYPES.contains(type)) {
      metrics.rejected("unsupported_media_type", 1);
      ctx.status(415).json(ApiError.of("Content-Type " + type + " is not accepted: send application/json (an"
          + " array of events) or application/x-ndjson"));
      return;
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      tooLarge(ctx);
      return;
    }
    PredictionBatchParser.Batch batch;
    try (InputStream body = new LimitedInputStream(ctx.req().getInputStream(), maxBodyBytes)) {
      batch = parser.parse(body);
    } catch (LimitedInputStream.LimitExceededException e) {
      tooLarge(ctx);
      return;
    } catch (MalformedBodyException e) {
      metrics.rejected("malformed", 1);
      ctx.status(400).json(ApiError.of(e.getMessage()));
      return;
    }
    int duplicates = 0;
    if (!batch.accepted().isEmpty()) {
      Written written = store.write(batch.accepted(), batch.bodies());
      written.counted().forEach(metrics::accepted);
      duplicates = written.duplicates();
    }
    metrics.rejected("validation", batch.rejected().size());
    List<String> ids = batch.accepted().stream().map(PredictionEvent::id).collect(Collectors.toList());
    boolean none = batch.accepted().isEmpty() && !batch.rejected().isEmpty();
    ctx.status(none ? 400 : 200).json(new IngestAnswer(ids.size(), ids, batch.rejected(), duplicates));
  }

  private void tooLarge(Context ctx) {
    metrics.rejected("too_large", 1);
    ctx.header("Connection", "close");
    ctx.status(413).json(ApiError.of("the body is larger than the limit of " + maxBodyBytes + " bytes: send"
        + " smaller batches"));
  }
}
