package io.iotsim.core.generator;

import java.util.List;

/** Runs a generator over a schedule and collects its numbers. */
final class Samples {

  private Samples() {}

  /** One device's field: the generator, and that device's state for it seeded with {@code seed}. */
  static final class Field {
    private final FieldGenerators generators;
    private final long[] state;
    private final Reading reading = new Reading(1);

    Field(GeneratorSpec spec, long seed) {
      generators = new FieldGenerators(List.of(spec));
      state = generators.newState();
      generators.seed(0, seed, state);
    }

    /** The reading at {@code simTimeMillis}, in slot 0 (the same object every time). */
    Reading next(long simTimeMillis) {
      generators.next(simTimeMillis, state, reading);
      return reading;
    }
  }

  static double[] numbers(GeneratorSpec spec, long seed, long startMillis, long stepMillis, int n) {
    Field f = new Field(spec, seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = f.next(startMillis + i * stepMillis).number(0);
    }
    return out;
  }

  static double mean(double[] xs, int from) {
    double sum = 0;
    for (int i = from; i < xs.length; i++) {
      sum += xs[i];
    }
    return sum / (xs.length - from);
  }

  static double stddev(double[] xs) {
    double m = mean(xs, 0);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (xs.length - 1));
  }
}
