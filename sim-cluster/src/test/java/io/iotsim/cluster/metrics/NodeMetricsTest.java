package io.iotsim.cluster.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.profile.ProfileLoader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An embedded node's counters, sampled into Kamon and scraped as Prometheus text. */
class NodeMetricsTest {

  static SimNode node;
  static NodeMetrics metrics;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(false, Map.of("iot-sim.node.speed", "10"));
    metrics =
        NodeMetrics.start(
            node,
            new MetricsSettings(
                true, Duration.ofMillis(200), Duration.ofSeconds(1), true, false, false));
    String yaml =
        "type: metrics_probe\n"
            + "telemetry_interval: 1s\n"
            + "telemetry_fields:\n"
            + "  t: {type: gaussian, mean: 1, stddev: 0.1}\n";
    node.fleet()
        .spawn(ProfileLoader.parse(yaml, "test"), 40, Map.of())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    metrics.close();
    node.close();
  }

  @Test
  void activeDevicesSentMessagesAndTheJvmAreScraped() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              PrometheusText text = PrometheusText.parse(metrics.scrape());
              assertThat(
                      text.value(
                          "sim_devices_active", "device_type", "metrics_probe", "protocol", "null"))
                  .isEqualTo(40.0);
              assertThat(
                      text.value(
                          "sim_messages_sent_total",
                          "device_type",
                          "metrics_probe",
                          "status",
                          "success"))
                  .isGreaterThan(40.0);
              assertThat(text.value("sim_readings_total")).isGreaterThan(40.0);
              assertThat(text.value("sim_memory_alloc_bytes")).isGreaterThan(1_000_000.0);
              assertThat(text.value("sim_jvm_threads_live")).isGreaterThan(5.0);
              assertThat(text.value("sim_faults_active", "fault_type", "disconnect"))
                  .isEqualTo(0.0);
              assertThat(text.value("sim_faults_injected_total", "fault_type", "clock_drift"))
                  .isEqualTo(0.0);
              assertThat(
                      text.value(
                          "sim_backpressure_drops_total",
                          "device_type",
                          "metrics_probe",
                          "stage",
                          "publish"))
                  .isEqualTo(0.0);
              assertThat(
                      text.value(
                          "sim_backpressure_slowdowns_total", "device_type", "metrics_probe"))
                  .isEqualTo(0.0);
              assertThat(text.value("sim_publish_queue_depth", "protocol", "null")).isEqualTo(0.0);
              assertThat(text.value("jvm_memory_used_bytes_count", "region", "heap"))
                  .isGreaterThan(0.0);
            });
  }

  @Test
  void faultErrorAndSlowdownEventsAreCounted() {
    long t = node.clock().simNowMillis();
    node.events().publish(event(EventType.FAULT_INJECTED, Map.of("fault", "latency_spike"), t));
    node.events().publish(event(EventType.FAULT_INJECTED, Map.of("fault", "LATENCY_SPIKE"), t));
    node.events().publish(event(EventType.FAULT_CLEARED, Map.of("fault", "latency_spike"), t));
    node.events().publish(event(EventType.ERROR, Map.of("error_type", "encode"), t));
    node.events().publish(event(EventType.BACKPRESSURE_SLOWDOWN, Map.of(), t));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              PrometheusText text = PrometheusText.parse(metrics.scrape());
              assertThat(text.value("sim_faults_injected_total", "fault_type", "latency_spike"))
                  .isEqualTo(2.0);
              assertThat(text.value("sim_faults_active", "fault_type", "latency_spike"))
                  .isEqualTo(1.0);
              assertThat(
                      text.value(
                          "sim_device_errors_total",
                          "device_type",
                          "event_probe",
                          "error_type",
                          "encode"))
                  .isEqualTo(1.0);
              assertThat(
                      text.value("sim_backpressure_slowdowns_total", "device_type", "event_probe"))
                  .isEqualTo(1.0);
            });
  }

  private static LifecycleEvent event(EventType type, Map<String, String> metadata, long t) {
    return new LifecycleEvent("event_probe-000001", "event_probe", type, "test", t, metadata);
  }

  @Test
  void faultNamesAreOneLabelValueWhateverTheirSpelling() {
    assertThat(NodeMetrics.faultName("FAULT_TYPE_LATENCY_SPIKE")).isEqualTo("latency_spike");
    assertThat(NodeMetrics.faultName("LATENCY_SPIKE")).isEqualTo("latency_spike");
    assertThat(NodeMetrics.faultName("latency_spike")).isEqualTo("latency_spike");
  }
}
