package io.iotsim.core.generator;

/**
 * A generator of numbers. Lets a composite sum its parts without a scratch {@link Reading} and
 * without boxing.
 */
abstract class NumberSource implements FieldGenerator {

  abstract double nextNumber(long simTimeMillis, long[] state, int at);

  @Override
  public final void next(long simTimeMillis, long[] state, int at, Reading reading, int slot) {
    reading.setNumber(slot, nextNumber(simTimeMillis, state, at));
  }
}
