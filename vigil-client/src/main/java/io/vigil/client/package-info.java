/**
 * Instrumentation for JVM model servers: Micrometer meters, an asynchronous batching exporter to a Vigil server
 * and a JSON prediction log. Speaks SPEC section 3's JSON and depends on no other Vigil module.
 */
package io.vigil.client;
