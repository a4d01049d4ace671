package io.vigil.profile;

import java.util.Arrays;

/**
 * A mergeable uniform sample of at most {@code capacity} doubles: the bottom-k sample of E. Cohen and H. Kaplan,
 * "Summarizing data using bottom-k sketches", PODC 2007. Every value gets a pseudo-random 64-bit priority and the
 * sample keeps the {@code capacity} values of smallest priority; the union of two samples keeps the smallest of
 * both, which is again the bottom-k sample of all values. Because the kept set depends only on the priorities,
 * merge is exactly commutative and associative, unlike reservoir unions that draw random numbers while merging
 * (DataSketches' {@code ReservoirItemsUnion}). While fewer than {@code capacity} values were offered, the sample is
 * simply all of them, which is what {@link NumericProfile} relies on for its exact path.
 *
 * <p>The i-th value offered gets priority {@code mix(seed + i·γ) xor mix(value bits)}: output i of SplitMix64
 * (Steele, Lea and Flood, OOPSLA 2014), salted with the value. Profiles that will be merged should be seeded
 * differently; with equal seeds only rows holding the same value at the same position of their streams get equal
 * priorities, which couples their inclusion (more variance, no bias). A merge keeps the smaller seed and the sum of
 * the offered counts, so {@code a.merge(b)} and {@code b.merge(a)} continue alike, and an empty sample of the same
 * seed and capacity is an exact identity.
 *
 * <p>Invariants: {@code 0 ≤ size = min(capacity, offered)}; the arrays hold a max-heap on (priority, value bits), so
 * the root is the first entry to evict; values are finite.
 */
final class UniformSample {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private int capacity;
  private long seed;
  private long offered;
  private int size;
  private long[] priorities;
  private double[] values;

  UniformSample(int capacity, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("sample capacity " + capacity + " must be ≥ 1");
    }
    this.capacity = capacity;
    this.seed = seed;
    int initial = Math.min(capacity, 16);
    this.priorities = new long[initial];
    this.values = new double[initial];
  }

  /** Rebuilds a sample from decoded entries (validated: min(capacity, offered) of them, finite values). */
  static UniformSample of(int capacity, long seed, long offered, long[] priorities, double[] values) {
    UniformSample sample = new UniformSample(capacity, seed);
    sample.offered = offered;
    for (int i = 0; i < priorities.length; i++) {
      sample.insert(priorities[i], values[i]);
    }
    return sample;
  }

  void offer(double value) {
    offered++;
    insert(mix64(seed + offered * GOLDEN_GAMMA) ^ mix64(Double.doubleToLongBits(value)), value);
  }

  void merge(UniformSample other) {
    UniformSample source = other == this ? other.copy() : other;
    capacity = Math.min(capacity, source.capacity);
    seed = Math.min(seed, source.seed);
    offered += source.offered;
    while (size > capacity) {
      removeRoot();
    }
    for (int i = 0; i < source.size; i++) {
      insert(source.priorities[i], source.values[i]);
    }
  }

  UniformSample copy() {
    UniformSample copy = new UniformSample(capacity, seed);
    copy.offered = offered;
    copy.priorities = Arrays.copyOf(priorities, Math.max(size, 1));
    copy.values = Arrays.copyOf(values, Math.max(size, 1));
    copy.size = size;
    return copy;
  }

  int capacity() {
    return capacity;
  }

  int size() {
    return size;
  }

  long seed() {
    return seed;
  }

  /** The sampled values, sorted ascending (a fresh array). */
  double[] sortedValues() {
    double[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return copy;
  }

  /** Entry indices in ascending (priority, value bits) order: the canonical order of the byte format. */
  int[] canonicalOrder() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compare(priorities[a], values[a], priorities[b], values[b]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  long priority(int index) {
    return priorities[index];
  }

  double value(int index) {
    return values[index];
  }

  /** Orders entries by priority, then by value bits, so that the kept set never depends on insertion order. */
  static int compare(long priorityA, double valueA, long priorityB, double valueB) {
    int byPriority = Long.compare(priorityA, priorityB);
    return byPriority != 0 ? byPriority
        : Long.compare(Double.doubleToLongBits(valueA), Double.doubleToLongBits(valueB));
  }

  private void insert(long priority, double value) {
    if (size < capacity) {
      if (size == priorities.length) {
        int grown = (int) Math.min(capacity, 2L * size);
        priorities = Arrays.copyOf(priorities, grown);
        values = Arrays.copyOf(values, grown);
      }
      priorities[size] = priority;
      values[size] = value;
      siftUp(size++);
    } else if (compare(priority, value, priorities[0], values[0]) < 0) {
      priorities[0] = priority;
      values[0] = value;
      siftDown(0);
    }
  }

  private void removeRoot() {
    size--;
    priorities[0] = priorities[size];
    values[0] = values[size];
    siftDown(0);
  }

  private void siftUp(int index) {
    int child = index;
    while (child > 0) {
      int parent = (child - 1) >>> 1;
      if (greater(child, parent)) {
        swap(child, parent);
        child = parent;
      } else {
        return;
      }
    }
  }

  private void siftDown(int index) {
    int parent = index;
    while (true) {
      int left = 2 * parent + 1;
      if (left >= size) {
        return;
      }
      int largest = left + 1 < size && greater(left + 1, left) ? left + 1 : left;
      if (!greater(largest, parent)) {
        return;
      }
      swap(parent, largest);
      parent = largest;
    }
  }

  private boolean greater(int a, int b) {
    return compare(priorities[a], values[a], priorities[b], values[b]) > 0;
  }

  private void swap(int a, int b) {
    long p = priorities[a];
    priorities[a] = priorities[b];
    priorities[b] = p;
    double v = values[a];
    values[a] = values[b];
    values[b] = v;
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer, as in {@code java.util.SplittableRandom}. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
