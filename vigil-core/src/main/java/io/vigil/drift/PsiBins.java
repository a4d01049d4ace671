package io.vigil.drift;

/**
 * The ten {@code psi} bins of SPEC section 6, shared by {@link PopulationStability}, {@link JensenShannon},
 * {@link KlDivergence} and {@link Hellinger} on numeric features.
 *
 * <pre>{@code
 * double[] edges = PsiBins.edges(reference);                   // numpy.quantile(ref, [.1, ..., .9])
 * double[] proportions = PsiBins.proportions(current, edges);  // bincount(searchsorted(e, cur, "right")) / n
 * }</pre>
 *
 * <p>The edges reproduce {@code numpy.quantile(ref, [0.1, ..., 0.9])} (method "linear") bit for bit, including
 * numpy's {@code _lerp}, which interpolates from the upper neighbour when the fraction is at least one half
 * ({@code b − (b − a)·(1 − t)}); a one-ulp difference in an edge would move values that sit exactly on it into the
 * next bin. The bin of x is {@code numpy.searchsorted(edges, x, side="right")}, the number of edges ≤ x, so bin b
 * holds {@code edges[b−1] ≤ x < edges[b]}, and a bin between two equal edges is empty by construction. Counting
 * needs one binary search per edge: O(10·log n).
 *
 * <p>Sketch path: the edges are the reference sketch's deciles, and a bin's proportion is a difference of two
 * distribution-function values, each within {@link EmpiricalDistribution#rankError()} of the truth, so it is within
 * {@code rankError} times the number of finite edges bounding the bin (one for the outer bins, two for the inner
 * ones, none for a bin between equal edges) of the true proportion in the same bin.
 */
final class PsiBins {

  /** Number of bins. */
  static final int COUNT = 10;

  /** The nine inner deciles, written as numpy receives them from {@code [0.1, 0.2, ..., 0.9]}. */
  private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private PsiBins() {}

  /** The nine bin edges: the reference's inner deciles, as {@code numpy.quantile} computes them. */
  static double[] edges(EmpiricalDistribution reference) {
    double[] edges = new double[DECILES.length];
    for (int b = 0; b < DECILES.length; b++) {
      edges[b] = reference.quantile(DECILES[b]);
    }
    return edges;
  }

  /** Proportion of the distribution's weight in each of the ten bins (raw: an empty bin has proportion 0). */
  static double[] proportions(EmpiricalDistribution distribution, double[] edges) {
    double total = distribution.totalWeight();
    double[] proportions = new double[COUNT];
    double below = 0;
    for (int b = 0; b < COUNT; b++) {
      double upTo = b < edges.length ? distribution.weightBelow(edges[b]) : total;
      proportions[b] = (upTo - below) / total;
      below = upTo;
    }
    return proportions;
  }

  /** Per-bin bound on |proportion − true proportion in the same bin|; all zero on the exact path. */
  static double[] proportionErrors(EmpiricalDistribution distribution, double[] edges) {
    double[] errors = new double[COUNT];
    double epsilon = distribution.rankError();
    for (int b = 0; b < COUNT; b++) {
      boolean emptyByConstruction = b > 0 && b < edges.length && edges[b - 1] == edges[b];
      int finiteEdges = (b > 0 ? 1 : 0) + (b < edges.length ? 1 : 0);
      errors[b] = emptyByConstruction ? 0.0 : Math.min(1.0, epsilon * finiteEdges);
    }
    return errors;
  }
}
