package io.vigil.profile;

import java.util.List;
import java.util.Random;

/** Small caps (5 to 60 categories) and sketch maps (8 to 64 slots), so that every merge combination occurs. */
class CategoricalProfileContractTest extends MergeableContract<CategoricalProfile, Object> {

  @Override
  protected CategoricalProfile newProfile(Random random) {
    int cap = new int[] {5, 20, 60}[random.nextInt(3)];
    int mapSize = new int[] {8, 16, 64}[random.nextInt(3)];
    return new CategoricalProfile(new CategoricalProfile.Options(cap, mapSize));
  }

  @Override
  protected List<Object> randomRows(Random random, int n) {
    return CategoricalRows.random(random, n);
  }

  @Override
  protected int maxRows() {
    return 2000;
  }

  @Override
  protected void update(CategoricalProfile profile, Object row) {
    CategoricalRows.update(profile, row);
  }

  @Override
  protected void assertDescribes(List<Object> rows, CategoricalProfile profile) {
    CategoricalRows.assertDescribes(rows, profile);
  }

  @Override
  protected void assertEquivalent(CategoricalProfile expected, CategoricalProfile actual) {
    CategoricalRows.assertEquivalent(expected, actual);
  }

  @Override
  protected void checkInvariants(CategoricalProfile profile) {
    profile.checkInvariants();
  }

  @Override
  protected byte[] encode(CategoricalProfile profile) {
    return ProfileCodec.encode(profile);
  }

  @Override
  protected CategoricalProfile decode(byte[] bytes) {
    return ProfileCodec.decodeCategorical(bytes);
  }
}
