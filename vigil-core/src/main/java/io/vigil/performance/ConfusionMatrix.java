package io.vigil.performance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of (true class, predicted class) pairs, as {@code sklearn.metrics.confusion_matrix}: row {@code i} is the
 * true class {@code classes().get(i)}, column {@code j} the predicted class {@code classes().get(j)}.
 *
 * <pre>{@code
 * ConfusionMatrix m = ConfusionMatrix.of(labels, predictions, List.of("ok", "fraud"));
 * m.count("fraud", "ok");   // frauds the model let through
 * }</pre>
 *
 * <p>Immutable: the counts are copied in and out.
 */
public final class ConfusionMatrix {

  private final List<String> classes;
  private final long[][] counts;

  private ConfusionMatrix(List<String> classes, long[][] counts) {
    this.classes = List.copyOf(classes);
    this.counts = counts;
  }

  /**
   * @throws IllegalArgumentException when the arrays differ in length or hold a class not in {@code classes}
   */
  public static ConfusionMatrix of(String[] actual, String[] predicted, List<String> classes) {
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException(actual.length + " labels but " + predicted.length + " predictions");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      if (index.put(classes.get(i), i) != null) {
        throw new IllegalArgumentException("class '" + classes.get(i) + "' is listed twice");
      }
    }
    long[][] counts = new long[classes.size()][classes.size()];
    for (int r = 0; r < actual.length; r++) {
      counts[indexOf(index, actual[r])][indexOf(index, predicted[r])]++;
    }
    return new ConfusionMatrix(classes, counts);
  }

  /** A matrix from counts already made (rows true, columns predicted, in {@code classes} order); copies them. */
  static ConfusionMatrix ofCounts(List<String> classes, long[][] counts) {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return new ConfusionMatrix(classes, copy);
  }

  private static int indexOf(Map<String, Integer> index, String c) {
    Integer i = index.get(c);
    if (i == null) {
      throw new IllegalArgumentException("class '" + c + "' is not among " + index.keySet());
    }
    return i;
  }

  public List<String> classes() {
    return classes;
  }

  /** Rows with true class {@code classes().get(actual)} predicted as {@code classes().get(predicted)}. */
  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  public long count(String actual, String predicted) {
    return counts[classes.indexOf(actual)][classes.indexOf(predicted)];
  }

  /** A copy of the whole matrix, rows true, columns predicted. */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Rows whose true class is {@code i} (scikit-learn's support). */
  public long actualCount(int i) {
    long s = 0;
    for (long c : counts[i]) {
      s += c;
    }
    return s;
  }

  /** Rows predicted as class {@code j}. */
  public long predictedCount(int j) {
    long s = 0;
    for (long[] row : counts) {
      s += row[j];
    }
    return s;
  }

  public long total() {
    long s = 0;
    for (int i = 0; i < counts.length; i++) {
      s += actualCount(i);
    }
    return s;
  }

  /** The diagonal's sum: rows predicted right. */
  public long correct() {
    long s = 0;
    for (int i = 0; i < counts.length; i++) {
      s += counts[i][i];
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix && ((ConfusionMatrix) o).classes.equals(classes)
        && java.util.Arrays.deepEquals(((ConfusionMatrix) o).counts, counts);
  }

  @Override
  public int hashCode() {
    return classes.hashCode() * 31 + java.util.Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix" + classes + java.util.Arrays.deepToString(counts);
  }
}
