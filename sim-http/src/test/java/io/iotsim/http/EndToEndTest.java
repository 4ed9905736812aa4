package io.iotsim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.cluster.metrics.PrometheusText;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node over real sockets, as a user drives it: spawn through REST, watch through SSE (only the
 * selected devices' readings arrive), read /metrics as Prometheus text, stop through REST.
 */
class EndToEndTest {

  static TestHttpNode http;

  @BeforeAll
  static void start() {
    http = TestHttpNode.start(Map.of());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static void spawn(String type, int count, String site) {
    String profile =
        "{\"type\":\""
            + type
            + "\",\"telemetry_interval\":\"1s\",\"telemetry_fields\":{"
            + "\"temperature\":{\"type\":\"diurnal\",\"baseline\":22,\"amplitude\":5,\"peak_hour\":14,\"noise_stddev\":0.3},"
            + "\"battery\":{\"type\":\"static\",\"value\":100}}}";
    TestHttpNode.Response r =
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":"
                + profile
                + ",\"count\":"
                + count
                + ",\"labels\":{\"site\":\""
                + site
                + "\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void spawnWatchMeasureStop() {
    spawn("e2e_a", 100, "north");
    spawn("e2e_a", 50, "south");
    spawn("e2e_b", 50, "north");

    // Only e2e_a in the north: e2e_a-000001 .. e2e_a-000100.
    List<String> lines =
        http.sse(
            "/api/v1/devices/stream?device_type=e2e_a&selector=site%3Dnorth",
            l -> TestHttpNode.data(l).size() >= 400, Duration.ofSeconds(30));
    List<JsonNode> points = TestHttpNode.data(lines);
    assertThat(points).hasSizeGreaterThanOrEqualTo(400);
    Set<String> devices = new HashSet<>();
    for (JsonNode p : points) {
      String id = p.path("device_id").asText();
      assertThat(id).startsWith("e2e_a-");
      assertThat(Integer.parseInt(id.substring("e2e_a-".length()))).isBetween(1, 100);
      assertThat(p.path("metric").asText()).isIn("temperature", "battery");
      devices.add(id);
    }
    assertThat(devices.size()).isGreaterThan(50);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String text = http.get("/metrics").body();
              PrometheusText m = PrometheusText.parse(text);
              assertThat(m.value("sim_devices_active", "device_type", "e2e_a", "protocol", "null"))
                  .isEqualTo(150.0);
              assertThat(m.value("sim_devices_active", "device_type", "e2e_b", "protocol", "null"))
                  .isEqualTo(50.0);
              assertThat(
                      m.value(
                          "sim_messages_sent_total",
                          "device_type",
                          "e2e_a",
                          "protocol",
                          "null",
                          "status",
                          "success"))
                  .isGreaterThan(150.0);
              assertThat(
                      m.value(
                          "sim_messages_sent_total",
                          "device_type",
                          "e2e_a",
                          "protocol",
                          "null",
                          "status",
                          "error"))
                  .isZero();
              assertThat(
                      m.value(
                          "sim_messages_sent_total",
                          "device_type",
                          "e2e_a",
                          "protocol",
                          "null",
                          "status",
                          "dropped"))
                  .isZero();
              assertThat(m.value("sim_readings_total")).isGreaterThan(200.0);
              assertThat(m.value("sim_telemetry_batch_size_count")).isGreaterThan(0.0);
              assertThat(
                      m.value(
                          "sim_device_errors_total",
                          "device_type",
                          "e2e_a",
                          "error_type",
                          "publish"))
                  .isZero();
              assertThat(m.value("sim_jvm_threads_live")).isGreaterThan(10.0);
              assertThat(m.value("sim_memory_alloc_bytes")).isGreaterThan(1e6);
              // Kamon's instruments are JVM-wide: other tests in this JVM inject faults, so only
              // declared
              assertThat(PrometheusText.declares(text, "sim_faults_active")).isTrue();
              assertThat(PrometheusText.declares(text, "sim_faults_injected_total")).isTrue();
              assertThat(
                      m.value(
                          "sim_backpressure_drops_total",
                          "device_type",
                          "e2e_a",
                          "stage",
                          "publish"))
                  .isZero();
              assertThat(
                      m.value("sim_backpressure_drops_total", "device_type", "", "stage", "stream"))
                  .isGreaterThanOrEqualTo(0.0);
              assertThat(m.value("sim_backpressure_slowdowns_total", "device_type", "e2e_b"))
                  .isZero();
              assertThat(m.value("sim_publish_queue_depth", "protocol", "null")).isZero();
              // the null output measures no broker latency; the histogram is declared and fills
              // with a broker
              assertThat(PrometheusText.declares(text, "sim_publish_latency_seconds")).isTrue();
              assertThat(m.value("jvm_memory_used_bytes_count", "region", "heap"))
                  .isGreaterThan(0.0);
              assertThat(text).contains("jvm_gc_");
            });

    TestHttpNode.Response stopped =
        http.post("/api/v1/devices/stop", "{\"device_type\":\"e2e_b\"}");
    assertThat(stopped.json().path("stopped").asInt()).isEqualTo(50);
    assertThat(http.get("/api/v1/devices/status").json().path("total_devices").asInt())
        .isEqualTo(150);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.parse(http.get("/metrics").body());
              assertThat(m.value("sim_devices_active", "device_type", "e2e_b", "protocol", "null"))
                  .isZero();
              assertThat(m.value("sim_devices_active", "device_type", "e2e_a", "protocol", "null"))
                  .isEqualTo(150.0);
            });
    assertThat(http.post("/api/v1/devices/stop", "{\"all\":true}").json().path("stopped").asInt())
        .isEqualTo(150);
  }
}
