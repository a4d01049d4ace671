/**
 * Instrumentation for JVM model servers: Micrometer meters, an asynchronous batching exporter to a Vigil server
 * and a JSON prediction log. Speaks SPEC section 3's JSON and depends on no other Vigil module.
 *
 * <pre>{@code
 * ModelMonitor monitor = ModelMonitor.builder("fraud").version("v3").meterRegistry(registry)
 *     .exporter(VigilExporter.http(URI.create("http://vigil:8080"))).build();
 * UUID id = monitor.record(features, "fraud", Map.of("fraud", 0.91, "ok", 0.09), latency);
 * }</pre>
 */
package io.vigil.client;
