package io.vigil.performance;

import java.util.List;

/**
 * A multiclass model's scores: one row per sample, one column per class.
 *
 * <pre>{@code
 * ClassProbabilities p = new ClassProbabilities(List.of("cat", "dog"), new double[][] {{0.8, 0.2}, {0.3, 0.7}});
 * }</pre>
 *
 * <p>The rows are not copied (they can be large); do not change them after handing them over.
 */
public record ClassProbabilities(List<String> classes, double[][] rows) {

  public ClassProbabilities {
    classes = List.copyOf(classes);
    if (classes.size() < 2) {
      throw new IllegalArgumentException("scores need at least two classes, got " + classes);
    }
    if (new java.util.HashSet<>(classes).size() != classes.size()) {
      throw new IllegalArgumentException("a class is listed twice in " + classes);
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != classes.size()) {
        throw new IllegalArgumentException("score row " + i + " has " + rows[i].length + " values for "
            + classes.size() + " classes");
      }
      for (double v : rows[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("score row " + i + " holds " + v);
        }
      }
    }
  }
}
