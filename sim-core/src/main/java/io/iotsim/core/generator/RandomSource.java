package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A generator of numbers that may draw from the field's own random stream: the first {@link
 * SeededRandom#SIZE} longs of its state, or none for a spec that never draws (a walk without
 * volatility: a draining battery); what a subclass keeps besides starts at {@link #own}.
 */
abstract class RandomSource extends NumberSource {

  /** Where the subclass's own state starts in its slice: after the stream, if there is one. */
  final int own;

  RandomSource(boolean draws) {
    this.own = draws ? SeededRandom.SIZE : 0;
  }

  @Override
  public int stateSize() {
    return own;
  }

  @Override
  public void seed(long fieldSeed, long[] state, int at) {
    if (own > 0) {
      SeededRandom.seed(state, at, fieldSeed);
    }
  }
}
