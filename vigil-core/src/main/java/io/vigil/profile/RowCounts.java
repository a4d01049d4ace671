package io.vigil.profile;

/**
 * How the rows a profile has seen divide up: every row is counted once in {@code count} and at most once in one of
 * the other fields; what is left over is a valid value. Used when the codec restores a profile.
 */
record RowCounts(long count, long missing, long nonFinite, long typeErrors) {

  /** Rows holding a usable value: {@code count − missing − nonFinite − typeErrors}. */
  long valid() {
    return count - missing - nonFinite - typeErrors;
  }
}
