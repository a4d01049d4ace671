package io.vigil.bench;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.client.ModelMonitor;
import io.vigil.client.PredictionCall;
import io.vigil.client.VigilExporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code vigil-client} costs the model's thread per prediction with 20 features, beside a plain Micrometer
 * {@code Timer.record} as the baseline.
 *
 * <pre>{@code
 * ./mvnw -q -B -Dvigil.target=target-client -pl vigil-bench -am package -DskipTests
 * java -jar vigil-bench/target-client/vigil-bench.jar ClientRecord -prof gc
 * }</pre>
 *
 * <p>All variants use a {@link SimpleMeterRegistry} with the same percentile-histogram timer Vigil registers.
 * "metersOnly" is {@code record} with meters and no exporter; "withExporter" also queues the event for a real
 * exporter POSTing to a loopback sink that discards bodies. At full benchmark speed the exporter cannot keep up
 * (it writes JSON and HTTP for every event on one thread), so most events end on the queue-full path; the tear-down
 * prints how many were delivered and dropped, so the figure can be read for what it is. {@code SampleTime} mode
 * gives the median and tail per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClientRecordBenchmark {
  private final Map<String, Object> features = new LinkedHashMap<>();
  private final Map<String, Double> scores = Map.of("approve", 0.83, "deny", 0.17);
  private final Duration latency = Duration.ofNanos(123_456);

  private SimpleMeterRegistry registry;
  private Timer plainTimer;
  private ModelMonitor metersOnly;
  private ModelMonitor withExporter;
  private VigilExporter exporter;
  private HttpServer sink;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    for (int i = 0; i < 20; i++) {
      features.put("feature_" + i, i % 4 == 0 ? (Object) ("category_" + i) : (Object) (i * 1.5));
    }
    registry = new SimpleMeterRegistry();
    plainTimer = Timer.builder("plain.latency").publishPercentileHistogram().register(registry);
    metersOnly = ModelMonitor.builder("bench").version("meters").meterRegistry(registry).build();

    sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext("/", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        body.transferTo(java.io.OutputStream.nullOutputStream());
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    sink.start();
    exporter = VigilExporter.http(URI.create("http://127.0.0.1:" + sink.getAddress().getPort()));
    withExporter = ModelMonitor.builder("bench").version("exporter").meterRegistry(registry).exporter(exporter)
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    withExporter.close();
    sink.stop(0);
    System.out.printf("%nexporter: %d events delivered, %d dropped (queue full)%n", exporter.sent(),
        exporter.dropped());
  }

  @Benchmark
  public Timer baselinePlainTimer() {
    plainTimer.record(latency);
    return plainTimer;
  }

  @Benchmark
  public UUID recordMetersOnly() {
    return metersOnly.record(features, "approve", scores, latency);
  }

  @Benchmark
  public UUID recordWithExporter() {
    return withExporter.record(features, "approve", scores, latency);
  }

  @Benchmark
  public UUID startAndSucceedWithExporter() {
    try (PredictionCall call = withExporter.start(features)) {
      return call.success("approve", scores);
    }
  }
}
