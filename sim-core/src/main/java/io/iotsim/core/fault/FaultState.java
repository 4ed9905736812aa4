package io.iotsim.core.fault;

import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.seed.SeededRandom;
import io.iotsim.core.seed.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The faults of one device and what they do to its readings. A plain class with no clock of its
 * own: every decision is taken against the reading's scheduled simulated time, and the only
 * randomness (data corruption) comes from the device's own seeded stream, advanced only for
 * readings a corruption covers, so a run with faults replays exactly.
 *
 * <p>Faults apply in injection order; DISCONNECT wins over everything (the reading is still
 * generated, so the device's state moves on as if it had been published). A battery drained faster
 * stays lower after the fault: the drain rate reverts, the charge does not come back.
 *
 * <p>Not thread-safe: owned by one device actor. {@link #apply} allocates nothing.
 */
public final class FaultState {

  /** The stream name, chained from the device seed, of the corruption draws. */
  public static final String RANDOM_STREAM = "#fault";

  /** Drain per second assumed for a battery whose generator has no downward drift. */
  public static final double DEFAULT_DRAIN_PER_SECOND = 0.001;

  private static final class Active {
    final FaultSpec spec;
    final int fieldIndex;
    final double drainPerSecond;
    long lastDrainAt;

    Active(FaultSpec spec, int fieldIndex, double drainPerSecond) {
      this.spec = spec;
      this.fieldIndex = fieldIndex;
      this.drainPerSecond = drainPerSecond;
      this.lastDrainAt = spec.startSimMillis();
    }
  }

  private final long deviceSeed;
  private final ArrayList<Active> faults = new ArrayList<>(2);
  private SeededRandom random;
  private double[] offsets;

  // The outcome of the last apply().
  private long timestamp;
  private long latencyMillis;

  public FaultState(long deviceSeed) {
    this.deviceSeed = deviceSeed;
  }

  /**
   * Adds a fault after those already active.
   *
   * @param fields the device's telemetry fields, to find the battery a drain acts on
   * @return false when the fault cannot act on this device (a drain of a field it does not have)
   */
  public boolean add(FaultSpec spec, List<FieldSpec> fields) {
    int index = -1;
    double rate = 0;
    if (spec.type() == FaultType.BATTERY_DRAIN) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(spec.field())) {
          index = i;
        }
      }
      if (index < 0) {
        return false;
      }
      rate =
          spec.drainPerSecond() > 0
              ? spec.drainPerSecond()
              : baseDrainPerSecond(fields.get(index).generator());
      if (offsets == null) {
        offsets = new double[fields.size()];
      }
    }
    faults.add(new Active(spec, index, rate));
    return true;
  }

  /** How fast a field's generator drains on its own: a Brownian walk's downward drift. */
  static double baseDrainPerSecond(GeneratorSpec generator) {
    if (generator instanceof GeneratorSpec.Brownian b && b.drift() < 0) {
      return -b.drift();
    }
    return DEFAULT_DRAIN_PER_SECOND;
  }

  /** True while there is anything to apply: a fault, or a battery left lower by one. */
  public boolean active() {
    return !faults.isEmpty() || offsets != null;
  }

  /** The faults not yet cleared, in injection order. */
  public List<FaultSpec> faults() {
    List<FaultSpec> out = new ArrayList<>(faults.size());
    for (Active a : faults) {
      out.add(a.spec);
    }
    return out;
  }

  /** True when a DISCONNECT not yet cleared is among the faults. */
  public boolean hasDisconnect() {
    for (Active a : faults) {
      if (a.spec.type() == FaultType.DISCONNECT) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies the faults that cover {@code simMillis} to a generated reading, in injection order.
   * Afterwards {@link #timestamp()} and {@link #latencyMillis()} describe how to publish it.
   *
   * @return false when the reading is not to be published (disconnected)
   */
  public boolean apply(long simMillis, Reading reading) {
    boolean publish = true;
    long drift = 0;
    long latency = 0;
    for (int f = 0, n = faults.size(); f < n; f++) {
      Active a = faults.get(f);
      FaultSpec s = a.spec;
      if (!s.covers(simMillis)) {
        continue;
      }
      switch (s.type()) {
        case DISCONNECT -> publish = false;
        case LATENCY_SPIKE -> latency += s.latencyMillis();
        case DATA_CORRUPTION -> corrupt(reading, s.corruptionRate());
        case BATTERY_DRAIN -> {
          double extra =
              (s.drainMultiplier() - 1) * a.drainPerSecond * (simMillis - a.lastDrainAt) / 1000.0;
          offsets[a.fieldIndex] -= extra;
          a.lastDrainAt = simMillis;
        }
        case CLOCK_DRIFT ->
            drift += Math.round((simMillis - s.startSimMillis()) * s.driftRateMsPerSec() / 1000.0);
      }
    }
    if (offsets != null) {
      for (int i = 0; i < offsets.length && i < reading.size(); i++) {
        if (offsets[i] != 0 && reading.kind(i) == Reading.Kind.NUMBER) {
          double v = reading.number(i);
          if (Double.isFinite(v)) {
            reading.setNumber(i, Math.max(0.0, v + offsets[i]));
          }
        }
      }
    }
    timestamp = simMillis + drift;
    latencyMillis = latency;
    return publish;
  }

  /** Each numeric field, with probability {@code rate}: NaN, zero or a tenfold spike. */
  private void corrupt(Reading reading, double rate) {
    if (random == null) {
      random = new SeededRandom(Seeds.fieldSeed(deviceSeed, RANDOM_STREAM));
    }
    for (int i = 0, n = reading.size(); i < n; i++) {
      if (reading.kind(i) != Reading.Kind.NUMBER) {
        continue;
      }
      if (random.nextDouble() < rate) {
        double v = reading.number(i);
        switch (random.nextInt(3)) {
          case 0 -> reading.setNumber(i, Double.NaN);
          case 1 -> reading.setNumber(i, 0.0);
          default -> reading.setNumber(i, spike(v));
        }
      }
    }
  }

  /** A spike: ten times the value (100 for a zero). */
  public static double spike(double v) {
    return v == 0 ? 100.0 : v * 10;
  }

  /** The payload timestamp of the last applied reading (its scheduled time plus any drift). */
  public long timestamp() {
    return timestamp;
  }

  /** Wall-time delay before publishing the last applied reading; 0 for none. */
  public long latencyMillis() {
    return latencyMillis;
  }

  /**
   * Clears, in injection order, the faults whose window ends at or before {@code simMillis} (every
   * reading before it has been handled).
   */
  public void expire(long simMillis, Consumer<FaultSpec> cleared) {
    for (int i = 0; i < faults.size(); ) {
      FaultSpec s = faults.get(i).spec;
      if (s.endSimMillis() <= simMillis) {
        faults.remove(i);
        cleared.accept(s);
      } else {
        i++;
      }
    }
  }
}
