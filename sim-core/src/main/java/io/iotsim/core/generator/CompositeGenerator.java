package io.iotsim.core.generator;

/**
 * The sum of numeric parts, e.g. a daily cycle plus measurement noise. State: its parts', one after
 * the other, each part seeded from the field's seed and its index.
 */
final class CompositeGenerator extends NumberSource {

  private final NumberSource[] parts;
  private final int[] offsets;
  private final int stateSize;

  CompositeGenerator(NumberSource[] parts) {
    this.parts = parts;
    this.offsets = new int[parts.length];
    int size = 0;
    for (int i = 0; i < parts.length; i++) {
      offsets[i] = size;
      size += parts[i].stateSize();
    }
    this.stateSize = size;
  }

  @Override
  public int stateSize() {
    return stateSize;
  }

  @Override
  public void seed(long fieldSeed, long[] state, int at) {
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].stateSize() > 0) {
        parts[i].seed(GeneratorSpec.Composite.partSeed(fieldSeed, i), state, at + offsets[i]);
      }
    }
  }

  @Override
  double nextNumber(long simTimeMillis, long[] state, int at) {
    double sum = 0;
    for (int i = 0; i < parts.length; i++) {
      sum += parts[i].nextNumber(simTimeMillis, state, at + offsets[i]);
    }
    return sum;
  }
}
