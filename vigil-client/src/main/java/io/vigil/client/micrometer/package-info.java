/**
 * Micrometer meters: per-model usage ({@link io.vigil.client.micrometer.PredictionMeters}) and resources
 * ({@link io.vigil.client.micrometer.ResourceMetrics}, {@link io.vigil.client.micrometer.GpuMetrics}).
 *
 * <pre>{@code
 * new ResourceMetrics().bindTo(registry);
 * }</pre>
 */
package io.vigil.client.micrometer;
