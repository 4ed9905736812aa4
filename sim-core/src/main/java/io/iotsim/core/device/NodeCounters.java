package io.iotsim.core.device;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Node-wide counters that devices write on the hot path: adders and an HdrHistogram recorder, so a
 * reading costs no lock and no allocation here.
 */
public final class NodeCounters {

  private static final long MAX_LATENESS_MICROS = 3_600_000_000L;

  private final LongAdder readings = new LongAdder();
  private final LongAdder publishDropped = new LongAdder();
  private final LongAdder deviceErrors = new LongAdder();
  private final LongAdder backpressureSlowdowns = new LongAdder();
  private final LongAdder faultsInjected = new LongAdder();
  private final Recorder latenessMicros = new Recorder(MAX_LATENESS_MICROS, 2);

  void reading(boolean accepted) {
    readings.increment();
    if (!accepted) {
      publishDropped.increment();
    }
  }

  void slowdown() {
    backpressureSlowdowns.increment();
  }

  void faultInjected() {
    faultsInjected.increment();
  }

  /** Times a device entered slow_down (sim_backpressure_slowdowns_total). */
  public long backpressureSlowdowns() {
    return backpressureSlowdowns.sum();
  }

  /** Faults applied to a device (sim_faults_injected_total, summed over types). */
  public long faultsInjected() {
    return faultsInjected.sum();
  }

  void error() {
    deviceErrors.increment();
  }

  void lateness(long nanos) {
    latenessMicros.recordValue(Math.max(0, Math.min(MAX_LATENESS_MICROS, nanos / 1_000)));
  }

  public long readings() {
    return readings.sum();
  }

  public long publishDropped() {
    return publishDropped.sum();
  }

  public long deviceErrors() {
    return deviceErrors.sum();
  }

  /** Tick lateness (wall time past a reading's due time) since the previous call, microseconds. */
  public org.HdrHistogram.Histogram takeLateness() {
    return latenessMicros.getIntervalHistogram();
  }
}
