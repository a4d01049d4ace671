package io.vigil.profile;

/**
 * An accumulator that can absorb another of its kind, so that profiles built on separate threads, machines or
 * time buckets combine into the profile of all their rows. This is what lets Vigil answer any time range by merging
 * per-minute buckets (SPEC section 1).
 *
 * <pre>{@code
 * NumericProfile minute1 = new NumericProfile();
 * NumericProfile minute2 = new NumericProfile();
 * minute1.update(12.5);
 * minute2.update(7.0);
 * NumericProfile both = minute1.copy().merge(minute2);   // minute1 and minute2 are unchanged
 * }</pre>
 *
 * <p>The contract, checked for every implementation by the {@code MergeableContract} test kit:
 * <ul>
 *   <li>{@code merge} is commutative and associative: every order and grouping of the same parts describes the same
 *       rows, exactly for counts, to rounding (about 1e-12 relative) for floating-point moments, and within the
 *       implementation's documented error bound for sketches;</li>
 *   <li>merging the profiles of the parts of a data set equals profiling the whole data set, in the same sense;</li>
 *   <li>a new, empty profile is the identity of {@code merge};</li>
 *   <li>{@code merge} never modifies its argument, and {@code a.merge(a)} is allowed: it counts every row twice;</li>
 *   <li>{@link #copy()} is deep: updating either the copy or the original afterwards leaves the other alone.</li>
 * </ul>
 * Implementations are not thread-safe; share them across threads only through {@code snapshot()} or a copy.
 *
 * @param <T> the implementing type itself
 */
public interface Mergeable<T extends Mergeable<T>> {

  /**
   * Folds {@code other} into this profile, leaving {@code other} unchanged.
   *
   * @return this profile, so that merges chain: {@code a.copy().merge(b).merge(c)}
   */
  T merge(T other);

  /** An independent deep copy: the cheap way to merge without touching either input. */
  T copy();
}
