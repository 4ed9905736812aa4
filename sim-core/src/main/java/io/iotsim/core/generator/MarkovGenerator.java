package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;
import java.util.List;

/**
 * A discrete state machine: the first reading reports the initial state, every later reading makes
 * one transition drawn from the current state's row.
 */
final class MarkovGenerator extends SeededRandom implements FieldGenerator {

  private final List<String> states;
  private final double[][] rows;
  private int current;
  private boolean started;

  /** {@code rows} is shared by every device of the profile and never written. */
  MarkovGenerator(List<String> states, double[][] rows, int initial, long seed) {
    super(seed);
    this.states = states;
    this.rows = rows;
    this.current = initial;
  }

  @Override
  public void next(long simTimeMillis, Reading reading, int slot) {
    if (started) {
      current = pick(rows[current], nextDouble());
    } else {
      started = true;
    }
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
