package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;
import java.util.List;

/**
 * A discrete state machine: the first reading reports the initial state, every later reading makes
 * one transition drawn from the current state's row. State: its random stream (uniform draws only,
 * so one long) and the current state, with a bit for "started".
 */
final class MarkovGenerator implements FieldGenerator {

  private static final int CURRENT = 1;
  private static final long STARTED = 1L << 32;

  private final List<String> states;
  private final double[][] rows;
  private final int initial;

  /** {@code rows} is shared by every device of the profile and never written. */
  MarkovGenerator(List<String> states, double[][] rows, int initial) {
    this.states = states;
    this.rows = rows;
    this.initial = initial;
  }

  @Override
  public int stateSize() {
    return CURRENT + 1;
  }

  @Override
  public void seed(long fieldSeed, long[] state, int at) {
    // nextDouble reads the stream's first long only: the spare's slot holds the state machine's
    state[at] = fieldSeed;
    state[at + CURRENT] = initial;
  }

  @Override
  public void next(long simTimeMillis, long[] state, int at, Reading reading, int slot) {
    long machine = state[at + CURRENT];
    int current = (int) machine;
    if ((machine & STARTED) != 0) {
      current = pick(rows[current], SeededRandom.nextDouble(state, at));
    }
    state[at + CURRENT] = STARTED | current;
    reading.setText(slot, states.get(current));
  }

  /**
   * Inverse-CDF draw. Rows are accepted when they sum to 1 within 1e-6, so {@code u} is scaled by
   * the row's actual sum: a state of probability 0 can then never be drawn, not even the last.
   */
  static int pick(double[] row, double u) {
    double total = 0;
    for (double p : row) {
      total += p;
    }
    double target = u * total;
    double cumulative = 0;
    int lastPositive = 0;
    for (int j = 0; j < row.length; j++) {
      if (row[j] > 0) {
        cumulative += row[j];
        lastPositive = j;
        if (target < cumulative) {
          return j;
        }
      }
    }
    return lastPositive;
  }
}
