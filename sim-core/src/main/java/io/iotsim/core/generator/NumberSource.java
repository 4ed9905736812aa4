package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A generator of numbers. Lets a composite sum its parts without a scratch {@link Reading} and
 * without boxing.
 */
abstract class NumberSource extends SeededRandom implements FieldGenerator {

  /**
   * Generators are their own random source: the state sits inline instead of in a separate object,
   * which saves ~24 B per field per device (a million devices, several fields each).
   */
  NumberSource(long seed) {
    super(seed);
  }

  abstract double nextNumber(long simTimeMillis);

  @Override
  public final void next(long simTimeMillis, Reading reading, int slot) {
    reading.setNumber(slot, nextNumber(simTimeMillis));
  }
}
