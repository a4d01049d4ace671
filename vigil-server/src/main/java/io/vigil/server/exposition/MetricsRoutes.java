package io.vigil.server.exposition;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: Prometheus text or OpenMetrics, chosen from the {@code Accept} header as Prometheus itself
 * negotiates it.
 *
 * <pre>{@code
 * curl -H 'Accept: application/openmetrics-text' http://127.0.0.1:8080/metrics
 * }</pre>
 */
public final class MetricsRoutes {

  private final ServerMetrics metrics;
  private final ExpositionFormats formats = ExpositionFormats.init();

  public MetricsRoutes(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  public void register(RoutesConfig routes) {
    routes.get("/metrics", this::scrape);
  }

  private void scrape(Context ctx) throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    writer.write(out, metrics.registry().scrape());
    ctx.contentType(writer.getContentType()).result(out.toByteArray());
  }
}
