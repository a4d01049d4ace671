package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.event.LabelEvent;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.exposition.ServerMetrics;
import io.vigil.server.ingest.LabelBatchParser;
import io.vigil.server.ingest.MalformedBodyException;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.storage.LabelStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/labels}: ground truth, a JSON array or NDJSON of {@code {"id", "model", "label",
 * "timestamp"}} (SPEC section 3). Each label is stored durably before the answer, then joined to the predictions
 * of its (model, id) and counted in their time bucket and version; a label whose prediction has not arrived waits
 * for it ({@code retention.label_wait}, 24 h by default) and is reported as orphaned after that. A repeated label
 * for an id replaces the earlier one.
 *
 * <pre>{@code
 * curl -X POST http://127.0.0.1:8080/api/v1/labels -H 'Content-Type: application/json' \
 *      -d '[{"id": "r-1", "model": "fraud", "label": "fraud"}]'
 * }</pre>
 */
public final class LabelRoutes {

  private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-ndjson",
      "application/ndjson", "application/jsonl");

  /** The answer: {@code joined} labels met their prediction now, the others wait for it. */
  public record LabelAnswer(int accepted, List<String> ids, List<PredictionBatchParser.Rejection> rejected, int joined) {}

  private final LabelBatchParser parser;
  private final ServerMetrics metrics;
  private final Aggregator aggregator;
  private final LabelStore store;
  private final Clock clock;
  private final long maxBodyBytes;

  /** The answer to outcomes: {@code repeated} ones were stored before (a retry) and are not counted again. */
  public record OutcomeAnswer(int accepted, List<PredictionBatchParser.Rejection> rejected, int counted, int repeated) {}

  private final io.vigil.server.ingest.OutcomeBatchParser outcomes;
  /** With Kafka: where accepted labels and outcomes go instead of the store (counted when consumed). */
  private EventForwarder forwarder;

  public LabelRoutes(LabelBatchParser parser, ServerMetrics metrics, Aggregator aggregator, LabelStore store,
      Clock clock, long maxBodyBytes, io.vigil.server.ingest.OutcomeBatchParser outcomes) {
    this.outcomes = outcomes;
    this.parser = parser;
    this.metrics = metrics;
    this.aggregator = aggregator;
    this.store = store;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Sends accepted labels and outcomes to {@code forwarder} (Kafka) instead of storing them, where it takes them
   * (their topic is configured): the answer then comes once they are durable there, with {@code joined}, {@code counted} and {@code repeated} 0, as they are counted
   * when consumed.
   */
  public LabelRoutes forwardingTo(EventForwarder forwarder) {
    this.forwarder = forwarder;
    return this;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/labels", this::labels);
    routes.post("/api/v1/outcomes", this::outcomes);
  }

  /**
   * {@code POST /api/v1/outcomes}: business outcomes ({@code {"id", "model", "name", "value"}}), counted once per
   * (model, id, name) in the bucket and version of their prediction, which must be stored already.
   */
  private void outcomes(Context ctx) throws IOException {
    byte[] body = body(ctx);
    if (body == null) {
      return;
    }
    io.vigil.server.ingest.OutcomeBatchParser.Batch batch;
    try {
      batch = outcomes.parse(body);
    } catch (MalformedBodyException e) {
      metrics.rejected("malformed", 1);
      ctx.status(400).json(ApiError.of(e.getMessage()));
      return;
    }
    if (forwarder != null && forwarder.takesOutcomes()) {
      if (!batch.accepted().isEmpty()) {
        forwarder.outcomes(batch.accepted(), batch.bodies());
      }
      metrics.rejected("validation", batch.rejected().size());
      ctx.status(batch.accepted().isEmpty() && !batch.rejected().isEmpty() ? 400 : 200)
          .json(new OutcomeAnswer(batch.accepted().size(), batch.rejected(), 0, 0));
      return;
    }
    List<PredictionBatchParser.Rejection> rejected = new ArrayList<>(batch.rejected());
    Aggregator.OutcomeResult result = new Aggregator.OutcomeResult(List.of(), 0, 0);
    if (!batch.accepted().isEmpty()) {
      long received = clock.millis();
      result = aggregator.outcomes(batch.accepted(), kept -> {
        List<LabelStore.OutcomeRow> rows = new ArrayList<>();
        for (io.vigil.event.OutcomeEvent o : kept) {
          int i = batch.accepted().indexOf(o);
          rows.add(new LabelStore.OutcomeRow(o.model(), o.id(), o.name(), o.timestamp().toEpochMilli(), received,
              batch.bodies().get(i)));
        }
        return store.appendOutcomes(rows);
      });
      for (int missing : result.withoutPrediction()) {
        io.vigil.event.OutcomeEvent o = batch.accepted().get(missing);
        rejected.add(new PredictionBatchParser.Rejection(batch.indexes().get(missing), "id: no prediction '" + o.id()
            + "' of model '" + o.model() + "' is stored (outcomes follow their prediction)"));
      }
      rejected.sort(java.util.Comparator.comparingInt(PredictionBatchParser.Rejection::index));
    }
    metrics.rejected("validation", rejected.size());
    int accepted = batch.accepted().size() - result.withoutPrediction().size();
    ctx.status(accepted == 0 && !rejected.isEmpty() ? 400 : 200)
        .json(new OutcomeAnswer(accepted, rejected, result.counted(), result.repeated()));
  }

  /** The body of a JSON batch, or null when the request was answered already (415, 413). */
  private byte[] body(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "application/json"
        : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!JSON_TYPES.contains(type)) {
      metrics.rejected("unsupported_media_type", 1);
      ctx.status(415).json(ApiError.of("Content-Type " + type + " is not accepted: send application/json (an"
          + " array) or application/x-ndjson"));
      return null;
    }
    if (ctx.req().getContentLengthLong() > maxBodyBytes) {
      tooLarge(ctx);
      return null;
    }
    try (InputStream in = new LimitedInputStream(ctx.req().getInputStream(), maxBodyBytes)) {
      return in.readAllBytes();
    } catch (LimitedInputStream.LimitExceededException e) {
      tooLarge(ctx);
      return null;
    }
  }

  private void labels(Context ctx) throws IOException {
    byte[] body = body(ctx);
    if (body == null) {
      return;
    }
    LabelBatchParser.Batch batch;
    try {
      batch = parser.parse(body);
    } catch (MalformedBodyException e) {
      metrics.rejected("malformed", 1);
      ctx.status(400).json(ApiError.of(e.getMessage()));
      return;
    }
    int joined = 0;
    if (!batch.accepted().isEmpty() && forwarder != null && forwarder.takesLabels()) {
      forwarder.labels(batch.accepted(), batch.bodies());
    } else if (!batch.accepted().isEmpty()) {
      long received = clock.millis();
      List<LabelStore.LabelRow> rows = new ArrayList<>();
      for (int i = 0; i < batch.accepted().size(); i++) {
        LabelEvent l = batch.accepted().get(i);
        rows.add(new LabelStore.LabelRow(l.model(), l.id(), l.timestamp().toEpochMilli(), received,
            batch.bodies().get(i)));
      }
      joined = aggregator.labels(batch.accepted(), () -> store.appendLabels(rows));
    }
    metrics.rejected("validation", batch.rejected().size());
    List<String> ids = batch.accepted().stream().map(LabelEvent::id).collect(Collectors.toList());
    boolean none = batch.accepted().isEmpty() && !batch.rejected().isEmpty();
    ctx.status(none ? 400 : 200).json(new LabelAnswer(ids.size(), ids, batch.rejected(), joined));
  }

  private void tooLarge(Context ctx) {
    metrics.rejected("too_large", 1);
    ctx.header("Connection", "close");
    ctx.status(413).json(ApiError.of("the body is larger than the limit of " + maxBodyBytes + " bytes: send"
        + " smaller batches"));
  }
}
