/** JMH benchmarks and data generators. Nothing depends on this module. */
package io.vigil.bench;
