package io.vigil.profile;

import java.util.List;
import java.util.Random;

/** Small sketches and samples (k 16 or 40, capacity 8 to 300) so that both the exact and the sketch path merge. */
class NumericProfileContractTest extends MergeableContract<NumericProfile, Object> {

  @Override
  protected NumericProfile newProfile(Random random) {
    int k = random.nextBoolean() ? 16 : 40;
    int capacity = new int[] {8, 64, 300}[random.nextInt(3)];
    return new NumericProfile(new NumericProfile.Options(k, capacity, random.nextInt(4)));
  }

  @Override
  protected List<Object> randomRows(Random random, int n) {
    return NumericRows.random(random, n);
  }

  @Override
  protected int maxRows() {
    return 2000;
  }

  @Override
  protected void update(NumericProfile profile, Object row) {
    NumericRows.update(profile, row);
  }

  @Override
  protected void assertDescribes(List<Object> rows, NumericProfile profile) {
    NumericRows.assertDescribes(rows, profile);
  }

  @Override
  protected void assertEquivalent(NumericProfile expected, NumericProfile actual) {
    NumericRows.assertEquivalent(expected, actual);
  }

  @Override
  protected void checkInvariants(NumericProfile profile) {
    profile.checkInvariants();
  }

  @Override
  protected byte[] encode(NumericProfile profile) {
    return ProfileCodec.encode(profile);
  }

  @Override
  protected NumericProfile decode(byte[] bytes) {
    return ProfileCodec.decodeNumeric(bytes);
  }
}
