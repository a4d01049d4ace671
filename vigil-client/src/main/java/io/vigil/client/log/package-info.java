/**
 * The JSON prediction log: one SLF4J line per prediction, with input redaction and sampling.
 *
 * <pre>{@code
 * ModelMonitor.builder("loan").log(PredictionLog.builder().redact("ssn").build()).build();
 * }</pre>
 */
package io.vigil.client.log;
