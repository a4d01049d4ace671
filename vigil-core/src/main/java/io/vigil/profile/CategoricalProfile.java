package io.vigil.profile;

import io.vigil.drift.CategoryDistribution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mergeable profile of one categorical (or boolean) feature: row counts and per-category counts, exact up to a
 * cap of distinct categories, estimated by a frequent-items sketch beyond it.
 *
 * <pre>{@code
 * CategoricalProfile country = new CategoricalProfile();
 * country.update("DE");
 * country.update("FR");
 * country.update((String) null);   // missing
 * country.updateTypeError();       // e.g. a JSON object where a string was expected
 * country.distribution().proportion("DE");   // 0.5
 * }</pre>
 *
 * <p><b>Booleans</b> are categorical features with the categories {@code "true"} and {@code "false"}
 * ({@link #update(boolean)}): the two-proportion z-test reads the count of {@code "true"}, and chi-square, PSI and
 * Jensen-Shannon apply unchanged, so a separate boolean profile would only duplicate this one.
 *
 * <p><b>Exact mode.</b> Up to {@link Options#maxExactCategories()} distinct categories every count is exact and
 * {@link #distribution()} is {@code CategoryDistribution.exact}. <b>Sketch mode.</b> The first row or merge that
 * would exceed the cap moves all counts into a DataSketches frequent-items sketch ({@code ItemsSketch<String>}, the
 * reverse-purge Misra-Gries summary of Anderson et al., "A high-performance algorithm for identifying frequent items
 * in data streams", IMC 2017). Its counts are lower bounds, each at most {@link #countError()} (the sketch's
 * {@code getMaximumError()}) below the truth, and that error never exceeds
 * {@code ItemsSketch.getAprioriError(sketchMapSize, validCount) = 3.5 · validCount / sketchMapSize}. The bound is
 * deterministic: no confidence level. {@link #distribution()} lists the tracked categories with their lower bounds
 * and folds the rest of the total (untracked categories and the bounds' shortfall) into
 * {@link CategoryDistribution#OTHER}, so its total equals {@link #validCount()} exactly. A profile never returns to
 * exact mode; since the cap only shrinks and the category set only grows, which mode a merge ends in does not
 * depend on merge order.
 *
 * <p><b>Merge.</b> Both exact: counts add, switching to sketch mode if the union exceeds the cap. Otherwise: the
 * exact side's counts feed the sketch, or the two sketches merge (errors add). The result takes the smaller cap and
 * the smaller sketch map size of the two.
 *
 * <p><b>Edge cases.</b> {@code null} and {@code ""} are missing. No valid row: an empty distribution (total 0). A
 * real category spelled {@link CategoryDistribution#OTHER} would share its count with the remainder.
 *
 * <p><b>Invariants</b> (checked after every operation in tests): {@code count = missing + typeErrors + validCount};
 * exactly one of the exact map and the sketch exists; the exact counts are positive, at most
 * {@code maxExactCategories} of them, summing to {@code validCount}; the sketch's stream length is
 * {@code validCount}, which exceeds the cap.
 */
public final class CategoricalProfile implements Mergeable<CategoricalProfile> {

  /** Largest accepted cap of exact categories. */
  public static final int MAX_EXACT_CATEGORIES = 1 << 16;

  /** Largest accepted sketch map size: 2^18 slots, about 196,000 tracked categories. */
  public static final int MAX_SKETCH_MAP_SIZE = 1 << 18;

  /**
   * Sizes of a categorical profile.
   *
   * @param maxExactCategories distinct categories counted exactly, 1 to {@link #MAX_EXACT_CATEGORIES}
   * @param sketchMapSize the frequent-items sketch's hash map size, a power of two from 8 to
   *     {@link #MAX_SKETCH_MAP_SIZE}; it tracks up to 3/4 of that many categories, with error at most
   *     {@code 3.5 / sketchMapSize} of the valid rows
   */
  public record Options(int maxExactCategories, int sketchMapSize) {

    /** 1000 exact categories, then a 2048-slot sketch (error ≤ 0.17% of the rows). */
    public static final Options DEFAULT = new Options(1000, 2048);

    public Options {
      if (maxExactCategories < 1 || maxExactCategories > MAX_EXACT_CATEGORIES) {
        throw new IllegalArgumentException("max exact categories " + maxExactCategories + " is outside [1, "
            + MAX_EXACT_CATEGORIES + "]");
      }
      if (sketchMapSize < 8 || sketchMapSize > MAX_SKETCH_MAP_SIZE || Integer.bitCount(sketchMapSize) != 1) {
        throw new IllegalArgumentException("sketch map size " + sketchMapSize
            + " is not a power of two in [8, " + MAX_SKETCH_MAP_SIZE + "]");
      }
    }
  }

  private Options options;
  private long count;
  private long missing;
  private long typeErrors;
  private Map<String, Long> exact;
  private FrequentCategories sketch;

  /** An empty profile with {@link Options#DEFAULT}. */
  public CategoricalProfile() {
    this(Options.DEFAULT);
  }

  public CategoricalProfile(Options options) {
    this(new RowCounts(0, 0, 0, 0), options, new HashMap<>(), null);
  }

  /** Assembles a profile from validated parts: exactly one of {@code exact} and {@code sketch} is non-null. */
  CategoricalProfile(RowCounts counts, Options options, Map<String, Long> exact, FrequentCategories sketch) {
    this.options = options;
    this.count = counts.count();
    this.missing = counts.missing();
    this.typeErrors = counts.typeErrors();
    this.exact = exact;
    this.sketch = sketch;
  }

  /**
   * Counts one row; {@code null} and {@code ""} count as missing. A lone UTF-16 surrogate, which UTF-8 cannot
   * carry, becomes {@code '?'} here, as it would on serialization, so a round trip through bytes changes nothing.
   */
  public void update(String category) {
    if (category == null || category.isEmpty()) {
      updateMissing();
      return;
    }
    count++;
    add(hasSurrogate(category) ? new String(category.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        : category, 1);
  }

  /** Counts one boolean row as the category {@code "true"} or {@code "false"}. */
  public void update(boolean value) {
    update(Boolean.toString(value));
  }

  /** Counts a row without a value. */
  public void updateMissing() {
    count++;
    missing++;
  }

  /** Counts a row whose value does not fit the type, such as a number where a boolean was expected. */
  public void updateTypeError() {
    count++;
    typeErrors++;
  }

  @Override
  public CategoricalProfile merge(CategoricalProfile other) {
    CategoricalProfile source = other == this ? other.copy() : other;
    count = Math.addExact(count, source.count);
    missing += source.missing;
    typeErrors += source.typeErrors;
    int mapSize = Math.min(options.sketchMapSize(), source.options.sketchMapSize());
    options = new Options(Math.min(options.maxExactCategories(), source.options.maxExactCategories()), mapSize);
    if (exact != null && source.exact != null) {
      for (Map.Entry<String, Long> e : sortedEntries(source.exact)) {
        exact.merge(e.getKey(), e.getValue(), Long::sum);
      }
      if (exact.size() > options.maxExactCategories()) {
        switchToSketch();
      }
      return this;
    }
    if (exact != null) {
      switchToSketch();
    } else {
      sketch = sketch.withMapSize(mapSize);
    }
    if (source.exact != null) {
      sketch.addAll(sortedEntries(source.exact));
    } else {
      sketch.merge(source.sketch);
    }
    return this;
  }

  @Override
  public CategoricalProfile copy() {
    return new CategoricalProfile(rowCounts(), options, exact == null ? null : new HashMap<>(exact),
        sketch == null ? null : sketch.copy());
  }

  /**
   * Counts per category, most frequent first: exact in exact mode, else the sketch's lower bounds with
   * {@link #countError()} and the remainder under {@link CategoryDistribution#OTHER}.
   */
  public CategoryDistribution distribution() {
    if (sketch != null) {
      return sketch.distribution(validCount());
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    sortedByCount(exact).forEach(e -> counts.put(e.getKey(), e.getValue()));
    return CategoryDistribution.exact(counts);
  }

  /** The bound on |count − true count| of any one named category: 0 in exact mode. */
  public double countError() {
    return exact != null ? 0.0 : sketch.maximumError();
  }

  /** Whether every count is exact (always in exact mode; in sketch mode until the sketch first purges). */
  public boolean isExact() {
    return countError() == 0.0;
  }

  /** Whether the counts live in the frequent-items sketch (the cap was exceeded). */
  public boolean isSketched() {
    return sketch != null;
  }

  /** An immutable summary; later updates to this profile do not change it. */
  public CategoricalSummary snapshot() {
    return new CategoricalSummary(count, missing, typeErrors, distribution());
  }

  public long count() {
    return count;
  }

  public long missing() {
    return missing;
  }

  public long typeErrors() {
    return typeErrors;
  }

  /** Rows holding a category. */
  public long validCount() {
    return count - missing - typeErrors;
  }

  public Options options() {
    return options;
  }

  RowCounts rowCounts() {
    return new RowCounts(count, missing, 0, typeErrors);
  }

  /** The exact counts sorted by category (the codec's canonical order), or null in sketch mode. */
  List<Map.Entry<String, Long>> exactEntries() {
    return exact == null ? null : sortedEntries(exact);
  }

  FrequentCategories sketch() {
    return sketch;
  }

  /** Throws {@link IllegalStateException} naming the first broken invariant of the class comment. */
  void checkInvariants() {
    if (count != missing + typeErrors + validCount() || missing < 0 || typeErrors < 0 || validCount() < 0) {
      throw new IllegalStateException("row counts do not add up: " + rowCounts());
    }
    if ((exact == null) == (sketch == null)) {
      throw new IllegalStateException("exactly one of the exact counts and the sketch must exist");
    }
    if (exact != null) {
      long sum = exact.values().stream().mapToLong(Long::longValue).sum();
      if (sum != validCount() || exact.size() > options.maxExactCategories() || exact.containsValue(0L)) {
        throw new IllegalStateException(exact.size() + " exact counts summing to " + sum + " for " + validCount()
            + " valid rows under a cap of " + options.maxExactCategories());
      }
    } else if (sketch.streamLength() != validCount() || validCount() <= options.maxExactCategories()
        || sketch.mapSize() != options.sketchMapSize()) {
      throw new IllegalStateException("sketch of " + sketch.streamLength() + " rows for " + validCount()
          + " valid rows under a cap of " + options.maxExactCategories());
    }
  }

  private void add(String category, long weight) {
    if (exact == null) {
      sketch.add(category, weight);
    } else if (exact.containsKey(category) || exact.size() < options.maxExactCategories()) {
      exact.merge(category, weight, Long::sum);
    } else {
      switchToSketch();
      sketch.add(category, weight);
    }
  }

  private void switchToSketch() {
    // Sorted, so the sketch's purges, and hence its estimates, do not depend on the hash map's iteration order.
    sketch = FrequentCategories.of(options.sketchMapSize(), sortedEntries(exact));
    exact = null;
  }

  private static boolean hasSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static List<Map.Entry<String, Long>> sortedEntries(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }

  static List<Map.Entry<String, Long>> sortedByCount(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    return entries;
  }
}
