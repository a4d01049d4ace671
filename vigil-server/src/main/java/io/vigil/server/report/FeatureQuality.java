package io.vigil.server.report;

import java.util.List;

/**
 * Data quality of one feature of the current sample, measured against the reference.
 *
 * <pre>{@code
 * for (FeatureQuality q : DataQuality.of(driftReport)) {
 *   if (!q.isFine()) System.out.println(q.name() + ": " + q.missing() + " missing");
 * }
 * }</pre>
 *
 * @param typeErrorLines the first few 1-based lines holding a value of the wrong type
 * @param unseenCategories categories of the current sample absent from the reference (the most frequent first,
 *     at most 10)
 * @param unseenRows current rows holding an unseen category
 * @param belowRange current numbers below the reference's minimum
 * @param aboveRange current numbers above the reference's maximum
 */
public record FeatureQuality(String name, String type, long rows, long missing, long typeErrors,
    List<Long> typeErrorLines, long nonFinite, List<String> unseenCategories, long unseenRows, long belowRange,
    long aboveRange) {

  public FeatureQuality {
    typeErrorLines = List.copyOf(typeErrorLines);
    unseenCategories = List.copyOf(unseenCategories);
  }

  public boolean isFine() {
    return missing == 0 && typeErrors == 0 && nonFinite == 0 && unseenRows == 0 && belowRange == 0
        && aboveRange == 0;
  }
}
