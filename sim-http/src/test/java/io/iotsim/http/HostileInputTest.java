package io.iotsim.http;

import static io.iotsim.http.ApiRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.http.TestHttpNode.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input a careless or hostile client sends, over a real socket: each answers a 4xx naming the
 * field, and afterwards the node still serves and its devices keep their pace.
 */
class HostileInputTest {

  static TestHttpNode http;

  /** Devices that every test leaves alone: their readings show the node kept its pace. */
  static final String STEADY = "steady-000001";

  @BeforeAll
  static void start() {
    http = TestHttpNode.start(Map.of());
    Response r =
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":" + ApiRoutesTest.inline("steady") + ",\"count\":10,\"labels\":{\"site\":\"north\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @AfterEach
  void theNodeStillServesAndItsDevicesKeepTheirRate() {
    assertThat(http.get("/api/v1/health").status()).isEqualTo(200);
    long before = readings(STEADY);
    long start = System.nanoTime();
    // one reading a second at speed 1: three more take about three seconds, never much less
    await().atMost(Duration.ofSeconds(8)).until(() -> readings(STEADY) >= before + 3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
    assertThat(http.get("/api/v1/devices/status").json().path("total_devices").asInt()).isEqualTo(10);
  }

  static long readings(String id) {
    Response r = http.get("/api/v1/devices/" + id);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("readings_total").asLong();
  }

  // ---- item 2: durations past what a long holds

  @Test
  void aDurationPastTheMaximumIs400NamingTheFieldAndTheRange() {
    assertError(
        http.post("/api/v1/faults", "{\"selector\":\"site=north\",\"fault_type\":\"disconnect\",\"duration\":\"99999999999999d\"}"),
        400,
        "duration",
        "must be between 0s and 3650d");
    assertError(
        http.post("/api/v1/devices/update", "{\"selector\":\"site=north\",\"telemetry_interval\":\"999999999999d\"}"),
        400,
        "telemetry_interval",
        "must be between 0s and 3650d");
    String profile = ApiRoutesTest.inline("huge").replace("\"1s\"", "\"99999999999999d\"");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile_inline\":" + profile + ",\"count\":1}"),
        400,
        "profile_inline.telemetry_interval",
        "must be between 0s and 3650d");
  }

  // ---- item 4: a selection that matches no device says so, for every operation

  @Test
  void aSelectionThatMatchesNoDeviceIs404ForEveryOperation() {
    String none = "{\"selector\":\"site=nowhere\"";
    for (String op : new String[] {"stop", "pause", "resume"}) {
      assertError(http.post("/api/v1/devices/" + op, none + "}"), 404, "selector", "matched 0 devices", "site=nowhere");
    }
    assertError(
        http.post("/api/v1/faults", none + ",\"fault_type\":\"disconnect\",\"duration\":\"5s\"}"), 404, "selector", "matched 0 devices");
    assertError(http.post("/api/v1/devices/update", none + ",\"telemetry_interval\":\"5s\"}"), 404, "selector", "matched 0 devices");
    assertError(http.post("/api/v1/devices/stop", "{\"device_type\":\"nope\"}"), 404, "selector", "matched 0 devices");
    assertError(http.post("/api/v1/devices/pause", "{\"ids\":[\"nope-000001\"]}"), 404, "selector", "matched 0 devices");
  }

  // ---- item 5: empty sets

  @Test
  void anEmptySetIs400WithTheColumnAndStopsNothing() {
    assertError(http.post("/api/v1/devices/stop", "{\"selector\":\"k notin ()\"}"), 400, "selector", "at least one value", "column 10");
    assertError(
        http.post("/api/v1/devices/stop", "{\"selector\":\"device_id notin ()\"}"), 400, "selector", "at least one value", "column 18");
    assertError(http.post("/api/v1/devices/pause", "{\"selector\":\"site in ( )\"}"), 400, "selector", "at least one value");
    assertError(http.get("/api/v1/devices?selector=k%20notin%20()"), 400, "selector", "at least one value");
  }
}
