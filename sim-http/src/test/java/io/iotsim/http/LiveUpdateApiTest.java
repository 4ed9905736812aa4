package io.iotsim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.http.TestHttpNode.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live updates over a real socket: an update that cannot apply to the selected devices is refused
 * whole (400 naming the label or field and the profile) and the devices keep their rate; an update
 * that applies shows in the device's detail (what it runs now).
 */
class LiveUpdateApiTest {

  static TestHttpNode http;

  @BeforeAll
  static void start() {
    http = TestHttpNode.start(Map.of("iot-sim.node.speed", "10", "iot-sim.node.max-devices", 1000));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static String spawnSited(String type) {
    String profile =
        "{\"type\":\""
            + type
            + "\",\"topic_template\":\"site/{label.site}/{device_id}\",\"telemetry_interval\":\"1s\","
            + "\"labels\":{\"site\":\"a\"},\"telemetry_fields\":{\"t\":{\"type\":\"gaussian\",\"mean\":20,\"stddev\":1}}}";
    Response r =
        http.post("/api/v1/devices/spawn", "{\"profile_inline\":" + profile + ",\"count\":3}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("first_device_id").asText();
  }

  private static long readings(String id) {
    Response r = http.get("/api/v1/devices/" + id);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("readings_total").asLong();
  }

  private static void assertError(Response r, String field, String... parts) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode e = r.json();
    assertThat(e.path("field").asText()).as(r.body()).isEqualTo(field);
    for (String part : parts) {
      assertThat(e.path("error").asText()).as(r.body()).contains(part);
    }
  }

  @Test
  void removingALabelTheTopicNeedsIsRefusedAndTheDevicesKeepTheirRate() {
    String id = spawnSited("sited_a");
    assertError(
        http.post(
            "/api/v1/devices/update",
            "{\"selector\":\"device_type=sited_a\",\"remove_labels\":[\"site\"]}"),
        "remove_labels",
        "'site'",
        "'sited_a'");
    long before = readings(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> readings(id) >= before + 5);
    JsonNode device = http.get("/api/v1/devices/" + id).json();
    assertThat(device.path("state").asText()).isEqualTo("running");
    assertThat(device.path("labels").path("site").asText()).isEqualTo("a");
  }

  @Test
  void anUpdateOfAFieldTheProfileDoesNotHaveIsRefused() {
    String id = spawnSited("sited_b");
    assertError(
        http.post(
            "/api/v1/devices/update",
            "{\"selector\":\"device_type=sited_b\",\"telemetry_fields\":{\"nonexistent\":{\"type\":\"static\",\"value\":1}}}"),
        "telemetry_fields.nonexistent",
        "'sited_b'");
    long before = readings(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> readings(id) >= before + 5);
  }

  @Test
  void theDetailShowsWhatTheDeviceRunsAfterAnUpdate() {
    String id = spawnSited("sited_c");
    Response u =
        http.post(
            "/api/v1/devices/update",
            "{\"selector\":\"device_type=sited_c\",\"telemetry_interval\":\"2s\",\"set_labels\":{\"fw\":\"2\"},"
                + "\"telemetry_fields\":{\"t\":{\"type\":\"static\",\"value\":7}}}");
    assertThat(u.status()).as(u.body()).isEqualTo(200);
    assertThat(u.json().path("updated").asInt()).isEqualTo(3);
    JsonNode d = http.get("/api/v1/devices/" + id).json();
    assertThat(d.path("telemetry_interval_ms").asLong()).isEqualTo(2_000);
    assertThat(d.path("labels").path("fw").asText()).isEqualTo("2");
    JsonNode spec = d.path("spec");
    assertThat(spec.path("telemetry_interval").asText()).isEqualTo("2s");
    assertThat(spec.path("labels").path("fw").asText()).isEqualTo("2");
    JsonNode field = spec.path("telemetry_fields").elements().next();
    assertThat(field.path("type").asText()).isEqualTo("static");
    assertThat(field.path("value").asDouble()).isEqualTo(7);
  }
}
