/**
 * Streaming concept-drift detectors over error indicators (or any numeric stream): {@link io.vigil.detect.Ddm},
 * {@link io.vigil.detect.Eddm}, {@link io.vigil.detect.Adwin}, {@link io.vigil.detect.PageHinkley} and
 * {@link io.vigil.detect.HddmA}, each with MOA 2024.07's default parameters, behind {@link
 * io.vigil.detect.ChangeDetector} and listed by {@link io.vigil.detect.ChangeDetectors}.
 */
package io.vigil.detect;
