package io.vigil.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The lowest-confidence predictions of a time bucket with their inputs: what a person should audit first. Keeps
 * the {@code capacity} cases of lowest confidence (ties by id), so merging buckets keeps the lowest of the union,
 * whatever the order: associative and commutative like every profile.
 *
 * <pre>{@code
 * ReviewSample s = new ReviewSample(20);
 * s.offer(new ReviewSample.Case("r-1", ts, 0.51, "fraud", Map.of("amount", 12.5)));
 * s.cases();   // lowest confidence first
 * }</pre>
 *
 * <p>Inputs are kept to {@link #MAX_FEATURES} features and text values to {@link #MAX_TEXT} characters, so a
 * bucket's sample stays small whatever the model sends.
 */
public final class ReviewSample implements Mergeable<ReviewSample> {

  /** Cases kept per bucket by default. */
  public static final int DEFAULT_CAPACITY = 20;
  static final int MAX_FEATURES = 64;
  static final int MAX_TEXT = 200;

  /** One prediction to review; feature values are Double, Boolean, String or null. */
  public record Case(String id, long timestampMillis, double confidence, String prediction, Map<String, Object> features) {
    public Case {
      features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
  }

  /** Lowest confidence first, then by id, then by time: one total order, so merges are deterministic. */
  static final Comparator<Case> ORDER = Comparator.comparingDouble(Case::confidence).thenComparing(Case::id)
      .thenComparingLong(Case::timestampMillis);

  private final int capacity;
  /** The worst (highest confidence) kept case on top, to be replaced by a lower one. */
  private final PriorityQueue<Case> kept;

  public ReviewSample(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
    }
    this.capacity = capacity;
    this.kept = new PriorityQueue<>(capacity + 1, ORDER.reversed());
  }

  public ReviewSample() {
    this(DEFAULT_CAPACITY);
  }

  /** Whether a prediction of this confidence would be kept: lets callers skip building a case. */
  public boolean wouldKeep(double confidence) {
    return kept.size() < capacity || confidence < kept.peek().confidence();
  }

  public void offer(Case c) {
    if (!Double.isFinite(c.confidence())) {
      return;
    }
    if (kept.size() < capacity) {
      kept.add(trimmed(c));
    } else if (ORDER.compare(c, kept.peek()) < 0) {
      kept.poll();
      kept.add(trimmed(c));
    }
  }

  private static Case trimmed(Case c) {
    Map<String, Object> features = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : c.features().entrySet()) {
      if (features.size() == MAX_FEATURES) {
        break;
      }
      Object v = e.getValue();
      if (v != null && !(v instanceof Double) && !(v instanceof Boolean)) {
        String s = String.valueOf(v);
        v = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
      }
      features.put(e.getKey(), v);
    }
    String p = c.prediction();
    if (p != null && p.length() > MAX_TEXT) {
      p = p.substring(0, MAX_TEXT);
    }
    return new Case(c.id(), c.timestampMillis(), c.confidence(), p, features);
  }

  @Override
  public ReviewSample merge(ReviewSample other) {
    for (Case c : other == this ? new ArrayList<>(other.kept) : other.kept) {
      if (!kept.contains(c)) {
        offer(c);
      }
    }
    return this;
  }

  @Override
  public ReviewSample copy() {
    ReviewSample c = new ReviewSample(capacity);
    c.kept.addAll(kept);
    return c;
  }

  /** The kept cases, lowest confidence first. */
  public List<Case> cases() {
    List<Case> out = new ArrayList<>(kept);
    out.sort(ORDER);
    return out;
  }

  public int capacity() {
    return capacity;
  }
}
