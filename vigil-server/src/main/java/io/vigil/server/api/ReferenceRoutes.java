package io.vigil.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vigil.dataset.Dataset;
import io.vigil.schema.FeatureType;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.ingest.TableReadException;
import io.vigil.server.ingest.TableReader;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ReferenceStore;
import java.io.IOException;
import java.io.InputStream;
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
 * }</pre>
 */
public final class ReferenceRoutes {

  /** What the upload yielded. */
  public record Summary(String model, String version, long rows, List<String> columns) {}

  private final ModelRegistry registry;
  private final ReferenceStore references;
  private final Aggregator aggregator;
  private final long maxBodyBytes;

  public ReferenceRoutes(ModelRegistry registry, ReferenceStore references, Aggregator aggregator, long maxBodyBytes) {
    this.registry = registry;
    this.references = references;
    this.aggregator = aggregator;
    this.maxBodyBytes = maxBodyBytes;
  }

  public void register(Javalin app) {
    app.put("/api/v1/models/{model}/versions/{version}/reference", this::put);
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
      reference = TableReader.read(body, "reference of " + model + "/" + version, ndjson,
          TableReader.Options.inferAll().expecting(types));
    } catch (TableReadException e) {
      ctx.status(400).json(ApiError.of(e.getMessage()));
      return;
    }
    if (reference.rows() == 0) {
      ctx.status(400).json(ApiError.of("the reference has no rows"));
      return;
    }
    Map<String, FeatureType> inferred = new LinkedHashMap<>();
    reference.columns().forEach(c -> c.type().ifPresent(t -> inferred.put(c.name(), t)));
    registry.schemaFor(model, inferred);
    references.save(model, version, reference);
    aggregator.reference(model, version, reference);
    ctx.json(new Summary(model, version, reference.rows(),
        reference.columns().stream().map(c -> c.name()).collect(java.util.stream.Collectors.toList())));
  }
}
