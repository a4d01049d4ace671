package io.vigil.drift;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two aligned vectors of proportions (reference and current) with a per-entry error bound: the input shared by the
 * binned methods {@link PopulationStability}, {@link JensenShannon}, {@link KlDivergence} and {@link Hellinger}.
 *
 * <pre>{@code
 * Proportions p = Proportions.of(referenceDistribution, currentDistribution);   // the ten psi bins
 * Proportions q = Proportions.of(referenceCounts, currentCounts);               // one entry per category
 * }</pre>
 *
 * <p>Numeric features give the ten {@link PsiBins}; categorical features give one entry per category with a
 * positive count on at least one side, in first-seen order (reference first), each {@code count / total}. A
 * category seen on one side only has proportion 0 on the other. The error of a category proportion is
 * {@code countError / total}; of a bin proportion, see {@link PsiBins}.
 *
 * <p>{@link #low} and {@link #high} give the interval that must hold the exact value of an entry, either raw or
 * after the {@code psi} rule that an empty proportion counts as {@link #EMPTY}. The exact proportion is
 * {@code count / n}, so it is either 0 (counted as {@code EMPTY}) or at least {@code 1/n}: the interval is
 * {@code [max(p − δ, 1/n), p + δ]} when {@code p − δ > 0}, otherwise it stretches down to
 * {@code min(EMPTY, 1/n)} and up to at least {@code EMPTY}.
 */
final class Proportions {

  /** The proportion an empty bin or absent category counts as (SPEC section 6), with no renormalising. */
  static final double EMPTY = 0.0001;

  final double[] reference;
  final double[] current;
  final double[] referenceError;
  final double[] currentError;
  final long referenceCount;
  final long currentCount;

  private Proportions(double[] reference, double[] current, double[] referenceError, double[] currentError,
      long referenceCount, long currentCount) {
    this.reference = reference;
    this.current = current;
    this.referenceError = referenceError;
    this.currentError = currentError;
    this.referenceCount = referenceCount;
    this.currentCount = currentCount;
  }

  /** The ten psi bins of both samples, cut at the reference's deciles. */
  static Proportions of(EmpiricalDistribution reference, EmpiricalDistribution current) {
    double[] edges = PsiBins.edges(reference);
    return new Proportions(PsiBins.proportions(reference, edges), PsiBins.proportions(current, edges),
        PsiBins.proportionErrors(reference, edges), PsiBins.proportionErrors(current, edges),
        reference.count(), current.count());
  }

  /** Category proportions over the union of categories with a positive count on either side. */
  static Proportions of(CategoryDistribution reference, CategoryDistribution current) {
    List<String> categories = categories(reference, current);
    int k = categories.size();
    double[] r = new double[k];
    double[] c = new double[k];
    double[] rError = new double[k];
    double[] cError = new double[k];
    for (int i = 0; i < k; i++) {
      r[i] = reference.proportion(categories.get(i));
      c[i] = current.proportion(categories.get(i));
      rError[i] = Math.min(1.0, reference.countError() / reference.total());
      cError[i] = Math.min(1.0, current.countError() / current.total());
    }
    return new Proportions(r, c, rError, cError, reference.total(), current.total());
  }

  /** Categories with a positive count on at least one side, reference order first. */
  static List<String> categories(CategoryDistribution reference, CategoryDistribution current) {
    Set<String> seen = new LinkedHashSet<>();
    for (CategoryDistribution side : List.of(reference, current)) {
      for (String category : side.counts().keySet()) {
        if (reference.count(category) + current.count(category) > 0) {
          seen.add(category);
        }
      }
    }
    return new ArrayList<>(seen);
  }

  int size() {
    return reference.length;
  }

  boolean isExact() {
    for (int i = 0; i < size(); i++) {
      if (referenceError[i] > 0 || currentError[i] > 0) {
        return false;
      }
    }
    return true;
  }

  /** The psi rule: an empty proportion counts as {@link #EMPTY}. */
  static double floored(double proportion) {
    return proportion == 0 ? EMPTY : proportion;
  }

  static double[] floored(double[] proportions) {
    double[] out = new double[proportions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = floored(proportions[i]);
    }
    return out;
  }

  /** Lower ends of the intervals holding the exact values (floored or raw) of one side's entries. */
  static double[] low(double[] proportions, double[] errors, long count, boolean floor) {
    double[] out = new double[proportions.length];
    for (int i = 0; i < out.length; i++) {
      double raw = proportions[i] - errors[i];
      double bound;
      if (raw > 0) {
        bound = Math.max(raw, 1.0 / count);
      } else {
        bound = floor ? Math.min(EMPTY, 1.0 / count) : 0.0;
      }
      out[i] = Math.min(bound, floor ? floored(proportions[i]) : proportions[i]);
    }
    return out;
  }

  /** Upper ends of the intervals holding the exact values (floored or raw) of one side's entries. */
  static double[] high(double[] proportions, double[] errors, boolean floor) {
    double[] out = new double[proportions.length];
    for (int i = 0; i < out.length; i++) {
      double raw = Math.min(1.0, proportions[i] + errors[i]);
      boolean mayBeEmpty = proportions[i] - errors[i] <= 0;
      out[i] = floor && mayBeEmpty ? Math.max(raw, EMPTY) : raw;
    }
    return out;
  }
}
