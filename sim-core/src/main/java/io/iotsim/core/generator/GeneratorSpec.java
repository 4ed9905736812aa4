package io.iotsim.core.generator;

import io.iotsim.core.seed.Seeds;
import java.util.Arrays;
import java.util.List;

/**
 * How one telemetry field is generated: immutable and shared by every device of a profile, as is
 * the {@link FieldGenerator} it makes; each device keeps the generator's state (see {@link
 * FieldGenerators}).
 *
 * <p>Constructors check their invariants and throw {@link IllegalArgumentException}; profile
 * validation reports the same mistakes earlier, with the field path.
 */
public interface GeneratorSpec {

  /** The generator of this field, for every device that has it. */
  FieldGenerator generator();

  /** True when every reading is a number (the parts of a composite must be). */
  boolean numeric();

  /** The profile's name for this generator: {@code gaussian}, {@code brownian}, ... */
  String type();

  /** Independent measurement noise: {@code mean + stddev * Z}. */
  record Gaussian(double mean, double stddev) implements GeneratorSpec {
    public Gaussian {
      finite("mean", mean);
      nonNegative("stddev", stddev);
    }

    @Override
    public FieldGenerator generator() {
      return new GaussianGenerator(mean, stddev);
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "gaussian";
    }
  }

  /** A fixed value: a {@link Double}, a {@link String} or a {@link Boolean}. */
  record Static(Object value) implements GeneratorSpec {
    public Static {
      if (value instanceof Number n && !(value instanceof Double)) {
        value = n.doubleValue();
      }
      if (!(value instanceof Double || value instanceof String || value instanceof Boolean)) {
        throw new IllegalArgumentException(
            "value must be a number, a string or a boolean (got " + value + ")");
      }
      if (value instanceof Double d) {
        finite("value", d);
      }
    }

    @Override
    public FieldGenerator generator() {
      return StaticGenerators.of(value);
    }

    @Override
    public boolean numeric() {
      return value instanceof Double;
    }

    @Override
    public String type() {
      return "static";
    }
  }

  /** Ornstein-Uhlenbeck walk with drift, clamped to [min, max]; time-stepped in seconds. */
  record Brownian(
      double start,
      double drift,
      double volatility,
      double meanReversion,
      double mean,
      double min,
      double max)
      implements GeneratorSpec {
    public Brownian {
      finite("start", start);
      finite("drift", drift);
      nonNegative("volatility", volatility);
      nonNegative("mean_reversion", meanReversion);
      finite("mean", mean);
      finite("min", min);
      finite("max", max);
      if (min > max) {
        throw new IllegalArgumentException("min must be <= max (got " + min + " > " + max + ")");
      }
      if (start < min || start > max) {
        throw new IllegalArgumentException(
            "start must be within [min, max] (got "
                + start
                + " outside ["
                + min
                + ", "
                + max
                + "])");
      }
    }

    @Override
    public FieldGenerator generator() {
      return new BrownianGenerator(this);
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "brownian";
    }
  }

  /** A daily sine on the simulated UTC clock, peaking at {@code peakHour} (fractional hours). */
  record Diurnal(double baseline, double amplitude, double peakHour, double noiseStddev)
      implements GeneratorSpec {
    public Diurnal {
      finite("baseline", baseline);
      nonNegative("amplitude", amplitude);
      if (!(peakHour >= 0 && peakHour < 24)) {
        throw new IllegalArgumentException("peak_hour must be in [0, 24) (got " + peakHour + ")");
      }
      nonNegative("noise_stddev", noiseStddev);
    }

    @Override
    public FieldGenerator generator() {
      return new DiurnalGenerator(this);
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "diurnal";
    }
  }

  /**
   * A state machine over {@code states}; {@code transitionMatrix[i][j]} is the probability of going
   * from state i to state j at each reading. Arrays are copied in and out, and compared by content.
   */
  record Markov(List<String> states, double[][] transitionMatrix, int initialIndex)
      implements GeneratorSpec {
    public Markov {
      states = List.copyOf(states);
      if (states.isEmpty()) {
        throw new IllegalArgumentException("states must not be empty");
      }
      if (states.stream().distinct().count() != states.size()) {
        throw new IllegalArgumentException("states must be unique (got " + states + ")");
      }
      transitionMatrix = deepCopy(transitionMatrix);
      if (transitionMatrix.length != states.size()) {
        throw new IllegalArgumentException(
            "transition_matrix must have "
                + states.size()
                + " rows (got "
                + transitionMatrix.length
                + ")");
      }
      for (int i = 0; i < transitionMatrix.length; i++) {
        double[] row = transitionMatrix[i];
        if (row.length != states.size()) {
          throw new IllegalArgumentException(
              "transition_matrix["
                  + i
                  + "] must have "
                  + states.size()
                  + " entries (got "
                  + row.length
                  + ")");
        }
        double sum = 0;
        for (double p : row) {
          if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(
                "transition_matrix[" + i + "] entries must be in [0, 1] (got " + p + ")");
          }
          sum += p;
        }
        if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
          throw new IllegalArgumentException(
              "transition_matrix[" + i + "] must sum to 1 (got " + sum + ")");
        }
      }
      if (initialIndex < 0 || initialIndex >= states.size()) {
        throw new IllegalArgumentException(
            "initial index must be in [0, " + states.size() + ") (got " + initialIndex + ")");
      }
    }

    /** How far a row may sum from 1, for matrices written with rounded decimals. */
    public static final double ROW_SUM_TOLERANCE = 1e-6;

    @Override
    public double[][] transitionMatrix() {
      return deepCopy(transitionMatrix);
    }

    @Override
    public FieldGenerator generator() {
      return new MarkovGenerator(states, transitionMatrix, initialIndex);
    }

    @Override
    public boolean numeric() {
      return false;
    }

    @Override
    public String type() {
      return "markov";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Markov m
          && states.equals(m.states)
          && Arrays.deepEquals(transitionMatrix, m.transitionMatrix)
          && initialIndex == m.initialIndex;
    }

    @Override
    public int hashCode() {
      return (states.hashCode() * 31 + Arrays.deepHashCode(transitionMatrix)) * 31 + initialIndex;
    }

    @Override
    public String toString() {
      return "Markov[states="
          + states
          + ", transitionMatrix="
          + Arrays.deepToString(transitionMatrix)
          + ", initialIndex="
          + initialIndex
          + "]";
    }

    private static double[][] deepCopy(double[][] m) {
      double[][] copy = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        copy[i] = m[i].clone();
      }
      return copy;
    }
  }

  /**
   * The sum of numeric parts (e.g. diurnal + gaussian noise). Part i draws from its own stream,
   * seeded with {@code Seeds.fieldSeed(fieldSeed, "#" + i)}.
   */
  record Composite(List<GeneratorSpec> parts) implements GeneratorSpec {
    public Composite {
      parts = List.copyOf(parts);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("parts must not be empty");
      }
      for (int i = 0; i < parts.size(); i++) {
        if (!parts.get(i).numeric()) {
          throw new IllegalArgumentException(
              "parts[" + i + "] must be numeric (got " + parts.get(i).type() + ")");
        }
      }
    }

    /** The seed of part {@code index} of a composite field seeded with {@code fieldSeed}. */
    public static long partSeed(long fieldSeed, int index) {
      return Seeds.fieldSeed(fieldSeed, "#" + index);
    }

    @Override
    public FieldGenerator generator() {
      NumberSource[] sources = new NumberSource[parts.size()];
      for (int i = 0; i < sources.length; i++) {
        sources[i] = (NumberSource) parts.get(i).generator();
      }
      return new CompositeGenerator(sources);
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "composite";
    }
  }

  /**
   * A monotonic cumulative counter (energy in kWh, packets sent): grows by {@code max(0,
   * ratePerSecond*dt + jitterStddev*sqrt(dt)*Z)} per reading.
   */
  record Counter(double start, double ratePerSecond, double jitterStddev) implements GeneratorSpec {
    public Counter {
      finite("start", start);
      nonNegative("rate_per_second", ratePerSecond);
      nonNegative("jitter_stddev", jitterStddev);
    }

    @Override
    public FieldGenerator generator() {
      return new CounterGenerator(this);
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "counter";
    }
  }

  private static void finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number (got " + v + ")");
    }
  }

  private static void nonNegative(String name, double v) {
    finite(name, v);
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 (got " + v + ")");
    }
  }
}
