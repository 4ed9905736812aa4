package io.iotsim.core.generator;

/** Runs a generator over a schedule and collects its numbers. */
final class Samples {

  private Samples() {}

  static double[] numbers(GeneratorSpec spec, long seed, long startMillis, long stepMillis, int n) {
    FieldGenerator g = spec.newGenerator(seed);
    Reading r = new Reading(1);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      r.reset(1);
      g.next(startMillis + i * stepMillis, r, 0);
      out[i] = r.number(0);
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
