package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.dataset.Dataset;
import io.vigil.schema.FeatureType;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.ingest.TableReadException;
import io.vigil.server.ingest.Redaction;
import io.vigil.server.ingest.TableReader;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ReferenceStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.storage.ProfileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code PUT /api/v1/models/{model}/versions/{version}/reference}: the data a version's drift is measured against,
 * as CSV ({@code text/csv}) or NDJSON ({@code application/x-ndjson}), read as a stream into column summaries (the
 * upload is never held whole). Columns take the model's declared types; a model seen for the first time gets its
 * schema from the reference.
 *
 * <pre>{@code
 * curl -X PUT --data-binary @reference.csv -H 'Content-Type: text/csv' \
 *      http://127.0.0.1:8080/api/v1/models/loans/versions/v2/reference
 * curl -X POST 'http://127.0.0.1:8080/api/v1/models/loans/versions/v2/reference/from-window?from=-2h&to=-1h'
 * }</pre>
 */
public final class ReferenceRoutes {

  /** What the upload yielded. */
  public record Summary(String model, String version, long rows, List<String> columns) {}

  private final ModelRegistry registry;
  private final ReferenceStore references;
  private final Aggregator aggregator;
  private final long maxBodyBytes;
  private final ProfileStore events;
  private final Clock clock;
  private final Redaction redaction;

  public ReferenceRoutes(ModelRegistry registry, ReferenceStore references, Aggregator aggregator, long maxBodyBytes,
      ProfileStore events, Clock clock) {
    this(registry, references, aggregator, maxBodyBytes, events, clock, Redaction.NONE);
  }

  /** @param redaction uploaded references lose the redacted columns, as events lose the redacted features */
  public ReferenceRoutes(ModelRegistry registry, ReferenceStore references, Aggregator aggregator, long maxBodyBytes,
      ProfileStore events, Clock clock, Redaction redaction) {
    this.redaction = redaction;
    this.registry = registry;
    this.references = references;
    this.aggregator = aggregator;
    this.maxBodyBytes = maxBodyBytes;
    this.events = events;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.put("/api/v1/models/{model}/versions/{version}/reference", this::put);
    routes.post("/api/v1/models/{model}/versions/{version}/reference/from-window", this::fromWindow);
  }

  /**
   * {@code POST .../reference/from-window?from=&to=[&source_version=]}: the version's reference becomes the
   * stored production events of [from, to) (of {@code source_version} when given, e.g. the champion's traffic
   * as a challenger's reference). Raw events are kept for {@code retention.events} (7 days by default).
   */
  private void fromWindow(Context ctx) throws IOException {
    String model = ctx.pathParam("model");
    String version = ctx.pathParam("version");
    if (registry.find(model).isEmpty()) {
      throw new NotFoundException("no model named '" + model + "'");
    }
    if (ctx.queryParam("from") == null) {
      throw new IllegalArgumentException("from: required (ISO-8601, epoch milliseconds or relative like -1h)");
    }
    TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), "1m", clock.instant());
    String source = ctx.queryParam("source_version") == null ? version : ctx.queryParam("source_version");
    Map<String, FeatureType> types = new LinkedHashMap<>();
    registry.find(model).get().schema().features().forEach(f -> types.put(f.name(), f.type()));
    PipedInputStream rows = new PipedInputStream(1 << 16);
    PipedOutputStream sink = new PipedOutputStream(rows);
    RuntimeException[] failure = {null};
    long[] written = {0};
    Thread producer = new Thread(() -> {
      try (sink) {
        events.events(model, source, range.from().toEpochMilli(), range.to().toEpochMilli(), body -> {
          try {
            JsonNode features = Json.MAPPER.readTree(body).path("features");
            if (features.isObject() && features.size() > 0) {
              sink.write(Json.MAPPER.writeValueAsBytes(features));
              sink.write('\n');
              written[0]++;
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (IOException | UncheckedIOException e) {
        // the reader stopped early (its own error is what the client sees)
      } catch (RuntimeException e) {
        failure[0] = e;   // the store failed: the reference would be partial
      }
    }, "vigil-reference-from-window");
    producer.setDaemon(true);
    producer.start();
    Dataset reference;
    try (rows) {
      reference = TableReader.read(rows, "events of " + model + "/" + source + " in [" + range.from() + ", "
          + range.to() + ")", true, TableReader.Options.inferAll().expecting(types));
    } catch (TableReadException e) {
      join(producer);
      if (failure[0] != null) {
        throw failure[0];
      }
      if (written[0] == 0) {
        throw new IllegalArgumentException("no events with features of " + model + "/" + source + " in ["
            + range.from() + ", " + range.to() + "); raw events are kept for the configured retention (7 days by"
            + " default)");
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    join(producer);
    if (failure[0] != null) {
      throw failure[0];
    }
    if (reference.rows() == 0) {
      throw new IllegalArgumentException("no events with features of " + model + "/" + source + " in [" + range.from()
          + ", " + range.to() + "); raw events are kept for the configured retention (7 days by default)");
    }
    // the window's labeled predictions calibrate CBPE for this version (none: scores are taken as calibrated)
    io.vigil.performance.ClassificationProfile labeled = aggregator.window(model, source, range.from(), range.to())
        .map(io.vigil.profile.WindowProfile::realized).orElse(null);
    references.saveCalibration(model, version, labeled == null || labeled.labeled() == 0 ? null
        : io.vigil.performance.PerformanceCodec.encode(labeled));
    save(ctx, model, version, reference);
  }

  private void put(Context ctx) throws IOException {
    String model = ctx.pathParam("model");
    String version = ctx.pathParam("version");
    String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    boolean ndjson = type.equals("application/x-ndjson") || type.equals("application/ndjson")
        || type.equals("application/jsonl");
    if (!ndjson && !type.equals("text/csv")) {
      ctx.status(415).json(ApiError.of("Content-Type '" + type + "' is not accepted for a reference: send text/csv"
          + " or application/x-ndjson"));
      return;
    }
    if (registry.strict() && registry.find(model).isEmpty()) {
      ctx.status(404).json(ApiError.of("no model named '" + model + "' (the server runs with --strict)"));
      return;
    }
    Map<String, FeatureType> types = new LinkedHashMap<>();
    registry.find(model).ifPresent(m -> m.schema().features().forEach(f -> types.put(f.name(), f.type())));
    Dataset reference;
    try (InputStream body = new LimitedInputStream(ctx.req().getInputStream(), maxBodyBytes * 64)) {
      reference = redaction.apply(TableReader.read(body, "reference of " + model + "/" + version, ndjson,
          TableReader.Options.inferAll().expecting(types)));
    } catch (TableReadException e) {
      ctx.status(400).json(ApiError.of(e.getMessage()));
      return;
    }
    if (reference.rows() == 0) {
      ctx.status(400).json(ApiError.of("the reference has no rows"));
      return;
    }
    references.saveCalibration(model, version, null);   // an uploaded reference carries no labels
    save(ctx, model, version, reference);
  }

  private static void join(Thread producer) {
    try {
      producer.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void save(Context ctx, String model, String version, Dataset reference) {
    Map<String, FeatureType> inferred = new LinkedHashMap<>();
    reference.columns().forEach(c -> c.type().ifPresent(t -> inferred.put(c.name(), t)));
    registry.schemaFor(model, inferred);
    references.save(model, version, reference);
    aggregator.reference(model, version, reference);
    ctx.json(new Summary(model, version, reference.rows(),
        reference.columns().stream().map(c -> c.name()).collect(java.util.stream.Collectors.toList())));
  }
}
