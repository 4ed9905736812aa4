package io.iotsim.cluster.metrics;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code iot-sim.metrics} block, read once.
 *
 * @param sampleInterval how often the node's counters are copied into Kamon instruments
 * @param tickInterval Kamon's {@code kamon.metric.tick-interval}: how often a scrape snapshot is
 *     prepared; a scrape sees values at most this old
 * @param jvmMetrics kamon-system-metrics' JVM collector (heap, GC, threads, class loading)
 * @param processMetrics kamon-system-metrics' process collector (process CPU, file descriptors)
 * @param hostMetrics kamon-system-metrics' host collector (CPU, memory, disks, network of the host)
 */
public record MetricsSettings(
    boolean enabled,
    Duration sampleInterval,
    Duration tickInterval,
    boolean jvmMetrics,
    boolean processMetrics,
    boolean hostMetrics) {

  public MetricsSettings {
    if (sampleInterval.isNegative() || sampleInterval.isZero()) {
      throw new IllegalArgumentException(
          "iot-sim.metrics.sample-interval: must be > 0 (got " + sampleInterval + ")");
    }
    if (tickInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "iot-sim.metrics.tick-interval: must be >= 100ms (got " + tickInterval + ")");
    }
  }

  /**
   * @param root a config with an {@code iot-sim.metrics} block (sim-http's reference.conf)
   */
  public static MetricsSettings from(Config root) {
    Config c = root.getConfig("iot-sim.metrics");
    return new MetricsSettings(
        c.getBoolean("enabled"),
        c.getDuration("sample-interval"),
        c.getDuration("tick-interval"),
        c.getBoolean("jvm-metrics"),
        c.getBoolean("process-metrics"),
        c.getBoolean("host-metrics"));
  }
}
