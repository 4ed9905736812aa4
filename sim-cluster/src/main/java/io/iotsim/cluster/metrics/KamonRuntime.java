package io.iotsim.cluster.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import kamon.Kamon;
import kamon.prometheus.PrometheusReporter;

/**
 * Kamon is one registry per JVM: started once, by the first node that serves metrics, with its
 * Prometheus reporter's embedded server off (the node's own HTTP port serves {@code /metrics}).
 * Later nodes in the same JVM (tests) share it.
 */
public final class KamonRuntime {

  /** Finer than Kamon's time buckets at the low end: a local broker answers in well under 5 ms. */
  private static final String BUCKETS =
      "kamon.prometheus.buckets.custom {\n"
          + "  \"sim_publish_latency_seconds\" = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]\n"
          + "  \"sim_telemetry_batch_size\" = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000]\n"
          + "}\n";

  private static boolean started;

  private KamonRuntime() {}

  /** Starts Kamon with {@code settings} over {@code config} (the node's); once per JVM. */
  public static synchronized void start(Config config, MetricsSettings settings) {
    if (started) {
      return;
    }
    Config ours =
        ConfigFactory.parseString(BUCKETS)
            .withValue(
                "kamon.prometheus.start-embedded-http-server", ConfigValueFactory.fromAnyRef(false))
            .withValue("kamon.init.hide-banner", ConfigValueFactory.fromAnyRef(true))
            .withValue(
                "kamon.metric.tick-interval",
                ConfigValueFactory.fromAnyRef(settings.tickInterval().toMillis() + "ms"))
            .withValue(
                "kamon.modules.jvm-metrics.enabled",
                ConfigValueFactory.fromAnyRef(settings.jvmMetrics()))
            .withValue(
                "kamon.modules.jvm-metrics.interval",
                ConfigValueFactory.fromAnyRef(settings.tickInterval().toMillis() + "ms"))
            .withValue(
                "kamon.modules.process-metrics.enabled",
                ConfigValueFactory.fromAnyRef(settings.processMetrics()))
            // The default 1 ms hiccup probe wakes a thread a thousand times a second.
            .withValue(
                "kamon.instrumentation.system.process.hiccup-monitor-interval",
                ConfigValueFactory.fromAnyRef("10ms"))
            .withValue(
                "kamon.modules.host-metrics.enabled",
                ConfigValueFactory.fromAnyRef(settings.hostMetrics()));
    Kamon.initWithoutAttaching(ours.withFallback(config).resolve());
    started = true;
  }

  /** The latest Prometheus exposition text; empty until Kamon's first tick after start. */
  public static String scrape() {
    scala.Option<String> data = PrometheusReporter.latestScrapeData();
    return data.isDefined() ? data.get() : "";
  }
}
