package io.iotsim.core.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A ramp from {@code min} to {@code max} over {@code period_s} seconds, then back to {@code min}: a
 * fill level emptied on a schedule, a counter that wraps. A pure function of simulated time, so it
 * needs no seed. The whole generator is this one file plus its line in {@link GeneratorTypes}.
 */
public final class SawtoothGenerator implements FieldGenerator {

  /** {@code type: sawtooth} with {@code min}, {@code max} and {@code period_s}. */
  public record Spec(double min, double max, double periodSeconds) implements GeneratorSpec {
    public Spec {
      if (!(max > min)) {
        throw new IllegalArgumentException("max must be > min (got " + min + ".." + max + ")");
      }
      if (!(periodSeconds > 0)) {
        throw new IllegalArgumentException("period_s must be > 0 (got " + periodSeconds + ")");
      }
    }

    @Override
    public FieldGenerator generator() {
      return new SawtoothGenerator(this);
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "sawtooth";
    }
  }

  /** How profiles read and write it. */
  public static final class Type implements GeneratorType {
    @Override
    public String name() {
      return "sawtooth";
    }

    @Override
    public List<String> parameters() {
      return List.of("min", "max", "period_s");
    }

    @Override
    public GeneratorSpec read(GeneratorParams p) {
      Double min = p.optional("min", 0.0);
      Double max = p.required("max");
      Double period = p.nonNegative(p.required("period_s"), "period_s");
      if (min == null || max == null || period == null) {
        return null;
      }
      if (max <= min) {
        p.problem("max", "must be > min (got " + max + " <= " + min + ")");
        return null;
      }
      if (period == 0) {
        p.problem("period_s", "must be > 0");
        return null;
      }
      return new Spec(min, max, period);
    }

    @Override
    public void write(GeneratorSpec spec, ObjectNode into) {
      Spec s = (Spec) spec;
      into.put("min", s.min());
      into.put("max", s.max());
      into.put("period_s", s.periodSeconds());
    }
  }

  private final double min;
  private final double span;
  private final long periodMillis;

  private SawtoothGenerator(Spec spec) {
    this.min = spec.min();
    this.span = spec.max() - spec.min();
    this.periodMillis = Math.max(1, Math.round(spec.periodSeconds() * 1000));
  }

  @Override
  public void next(long simTimeMillis, long[] state, int at, Reading reading, int slot) {
    reading.setNumber(slot, min + span * Math.floorMod(simTimeMillis, periodMillis) / periodMillis);
  }
}
