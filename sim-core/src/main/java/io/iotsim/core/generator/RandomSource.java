package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A generator of numbers that draws from the field's own random stream, the first {@link
 * SeededRandom#SIZE} longs of its state; a subclass keeping more puts it after them.
 */
abstract class RandomSource extends NumberSource {

  @Override
  public int stateSize() {
    return SeededRandom.SIZE;
  }

  @Override
  public void seed(long fieldSeed, long[] state, int at) {
    SeededRandom.seed(state, at, fieldSeed);
  }
}
