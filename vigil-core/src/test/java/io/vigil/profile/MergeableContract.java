package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link Mergeable}, run against every implementation: a subclass supplies a factory, a random row
 * generator, and what "describes these rows" and "equivalent" mean for its type (exact for counts, 1e-12 relative
 * for moments, the profile's own documented bound for sketches). Each case is seeded, KLL's coin flips included,
 * and every intermediate profile has its invariants checked.
 *
 * @param <T> the profile type
 * @param <R> one input row
 */
abstract class MergeableContract<T extends Mergeable<T>, R> {

  /** A new empty profile; its options may be drawn from {@code random}, so merges across options get tested too. */
  protected abstract T newProfile(Random random);

  /** {@code n} rows of one data set; the generator may draw the data set's shape first. */
  protected abstract List<R> randomRows(Random random, int n);

  /** The largest data set a case draws: enough to leave the exact path of small options. */
  protected abstract int maxRows();

  protected abstract void update(T profile, R row);

  /** Asserts that {@code profile} describes exactly these rows, within its documented bounds. */
  protected abstract void assertDescribes(List<R> rows, T profile);

  /** Asserts that two profiles of the same rows agree: exact parts equal, sketched parts within both bounds. */
  protected abstract void assertEquivalent(T expected, T actual);

  protected abstract void checkInvariants(T profile);

  protected abstract byte[] encode(T profile);

  protected abstract T decode(byte[] bytes);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void mergeOfPartsEqualsWhole(long seed) {
    Random random = start(seed);
    List<R> rows = rows(random);
    List<List<R>> parts = split(rows, 1 + random.nextInt(5), random);
    Collections.shuffle(parts, random);
    T merged = newProfile(random);
    for (List<R> part : parts) {
      merged.merge(profileOf(part, random));
      checkInvariants(merged);
    }
    assertDescribes(rows, merged);
    assertEquivalent(profileOf(rows, random), merged);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void mergeIsCommutative(long seed) {
    Random random = start(seed);
    List<R> rowsA = rows(random);
    List<R> rowsB = rows(random);
    T a = profileOf(rowsA, random);
    T b = profileOf(rowsB, random);
    T ab = a.copy().merge(b);
    T ba = b.copy().merge(a);
    checkInvariants(ab);
    checkInvariants(ba);
    assertEquivalent(ab, ba);
    assertDescribes(concat(rowsA, rowsB), ab);
    assertDescribes(concat(rowsB, rowsA), ba);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void mergeIsAssociative(long seed) {
    Random random = start(seed);
    List<R> rowsA = rows(random);
    List<R> rowsB = rows(random);
    List<R> rowsC = rows(random);
    T a = profileOf(rowsA, random);
    T b = profileOf(rowsB, random);
    T c = profileOf(rowsC, random);
    T left = a.copy().merge(b).merge(c);
    T right = a.copy().merge(b.copy().merge(c));
    checkInvariants(left);
    checkInvariants(right);
    assertEquivalent(left, right);
    assertDescribes(concat(concat(rowsA, rowsB), rowsC), left);
    assertDescribes(concat(concat(rowsA, rowsB), rowsC), right);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void emptyProfileIsTheIdentity(long seed) {
    Random random = start(seed);
    long optionsSeed = random.nextLong();
    List<R> rows = rows(random);
    T a = profileOf(rows, new Random(optionsSeed));
    T right = a.copy().merge(newProfile(new Random(optionsSeed)));
    T left = newProfile(new Random(optionsSeed)).merge(a);
    checkInvariants(right);
    checkInvariants(left);
    assertThat(encode(right)).as("a.merge(empty) changes nothing").isEqualTo(encode(a));
    assertEquivalent(a, left);
    assertDescribes(rows, left);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void mergeLeavesItsArgumentUnchanged(long seed) {
    Random random = start(seed);
    T a = profileOf(rows(random), random);
    T b = profileOf(rows(random), random);
    byte[] before = encode(b);
    a.merge(b);
    assertThat(encode(b)).isEqualTo(before);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void mergeWithItselfCountsEveryRowTwice(long seed) {
    Random random = start(seed);
    List<R> rows = rows(random);
    T a = profileOf(rows, random);
    a.merge(a);
    checkInvariants(a);
    assertDescribes(concat(rows, rows), a);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void copyIsIndependentOfTheOriginal(long seed) {
    Random random = start(seed);
    List<R> rows = rows(random);
    T original = profileOf(rows, random);
    T copy = original.copy();
    assertThat(encode(copy)).isEqualTo(encode(original));
    byte[] before = encode(original);
    randomRows(random, 50).forEach(row -> update(copy, row));
    assertThat(encode(original)).isEqualTo(before);
    byte[] copied = encode(copy);
    randomRows(random, 50).forEach(row -> update(original, row));
    assertThat(encode(copy)).isEqualTo(copied);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void roundTripThroughBytesChangesNothing(long seed) {
    Random random = start(seed);
    List<R> rows = rows(random);
    T original = profileOf(rows, random);
    byte[] bytes = encode(original);
    T decoded = decode(bytes);
    checkInvariants(decoded);
    assertThat(encode(decoded)).isEqualTo(bytes);
    assertEquivalent(original, decoded);
    assertDescribes(rows, decoded);
    // Nor what happens next: the same later rows leave both describing the same data. (Not always byte for byte: a
    // frequent-items sketch purges by its hash map's layout, which a restored sketch does not share.)
    List<R> more = randomRows(random, random.nextInt(maxRows() + 1));
    more.forEach(row -> update(original, row));
    more.forEach(row -> update(decoded, row));
    checkInvariants(decoded);
    assertEquivalent(original, decoded);
    assertDescribes(concat(rows, more), decoded);
  }

  private Random start(long seed) {
    KllRandomness.seed(seed);
    return new Random(seed);
  }

  /** A data set of random size: a quarter of the cases are tiny, to keep the exact paths and empty profiles busy. */
  private List<R> rows(Random random) {
    int n = random.nextInt(4) == 0 ? random.nextInt(30) : random.nextInt(maxRows() + 1);
    return randomRows(random, n);
  }

  private T profileOf(List<R> rows, Random random) {
    T profile = newProfile(random);
    rows.forEach(row -> update(profile, row));
    checkInvariants(profile);
    return profile;
  }

  private static <R> List<List<R>> split(List<R> rows, int parts, Random random) {
    List<List<R>> split = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      split.add(new ArrayList<>());
    }
    rows.forEach(row -> split.get(random.nextInt(parts)).add(row));
    return split;
  }

  private static <R> List<R> concat(List<R> first, List<R> second) {
    List<R> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
