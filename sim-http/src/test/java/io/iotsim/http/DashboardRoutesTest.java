package io.iotsim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.http.TestHttpNode.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's endpoints over a real socket against one node: the sorted table, active faults,
 * scenario validation and files, the clock and max_rate sampling of the telemetry stream.
 */
class DashboardRoutesTest {

  static TestHttpNode http;

  @BeforeAll
  static void start() {
    http = TestHttpNode.start(Map.of("iot-sim.node.max-devices", 2000));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static void spawn(String type, int count, String interval, String labels) {
    String profile =
        "{\"type\":\""
            + type
            + "\",\"telemetry_interval\":\""
            + interval
            + "\",\"telemetry_fields\":{\"t\":{\"type\":\"gaussian\",\"mean\":20,\"stddev\":1,\"precision\":1}}}";
    Response r =
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":"
                + profile
                + ",\"count\":"
                + count
                + ",\"labels\":"
                + labels
                + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static void assertBadRequest(Response r, String field, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo(field);
    assertThat(r.json().path("error").asText()).isEqualTo(message);
  }

  static List<String> ids(JsonNode table) {
    List<String> out = new ArrayList<>();
    table.path("devices").forEach(d -> out.add(d.path("device_id").asText()));
    return out;
  }

  @Test
  void theTableIsFilteredSortedAndPagedOnTheNode() {
    spawn("tbl_b", 3, "1h", "{\"t\":\"table\"}");
    spawn("tbl_a", 5, "1h", "{\"t\":\"table\"}");
    JsonNode byType =
        http.get("/api/v1/devices/table?selector=t%3Dtable&sort=type&order=desc&offset=1&limit=4")
            .json();
    assertThat(byType.path("total").asLong()).isEqualTo(8);
    assertThat(byType.path("offset").asInt()).isEqualTo(1);
    // type descending (tbl_b before tbl_a), ids ascending within a type, then reversed as a whole
    assertThat(ids(byType))
        .containsExactly("tbl_b-000002", "tbl_b-000001", "tbl_a-000005", "tbl_a-000004");
    String node = http.get("/api/v1/status").json().path("node_address").asText();
    assertThat(byType.path("devices").get(0).path("node").asText())
        .isEqualTo(node)
        .startsWith("pekko://");
    assertThat(byType.path("devices").get(0).path("labels").path("t").asText()).isEqualTo("table");

    JsonNode byId = http.get("/api/v1/devices/table?type=tbl_a&limit=2&offset=3").json();
    assertThat(ids(byId)).containsExactly("tbl_a-000004", "tbl_a-000005");
    assertThat(byId.path("total").asLong()).isEqualTo(5);
    assertThat(ids(http.get("/api/v1/devices/table?type=tbl_a&offset=50").json())).isEmpty();

    assertThat(http.post("/api/v1/devices/tbl_a-000003/pause", null).status()).isEqualTo(200);
    JsonNode paused = http.get("/api/v1/devices/table?selector=t%3Dtable&state=paused").json();
    assertThat(ids(paused)).containsExactly("tbl_a-000003");
    JsonNode byState =
        http.get("/api/v1/devices/table?selector=t%3Dtable&sort=state&limit=1").json();
    assertThat(ids(byState)).containsExactly("tbl_a-000003"); // "paused" sorts before "running"
  }

  @Test
  void badTableParametersNameTheField() {
    assertBadRequest(
        http.get("/api/v1/devices/table?sort=labels"),
        "sort",
        "sort: must be id, type or state (got 'labels')");
    assertBadRequest(
        http.get("/api/v1/devices/table?order=up"),
        "order",
        "order: must be asc or desc (got 'up')");
    assertBadRequest(
        http.get("/api/v1/devices/table?offset=-1"),
        "offset",
        "offset: must be an integer 0..2147483647 (got '-1')");
    assertBadRequest(
        http.get("/api/v1/devices/table?limit=0"),
        "limit",
        "limit: must be an integer 1..10000 (got '0')");
    assertBadRequest(
        http.get("/api/v1/devices/table?state=sleeping"),
        "state",
        "state: must be one of idle, running, paused, stopped, error (got 'sleeping')");
    Response selector = http.get("/api/v1/devices/table?selector=a%20in%20(");
    assertThat(selector.status()).isEqualTo(400);
    assertThat(selector.json().path("field").asText()).isEqualTo("selector");
  }

  @Test
  void activeFaultsShowTheirDevicesAndRemainingSimulatedTime() {
    spawn("flt", 4, "1s", "{\"t\":\"faults\"}");
    Response r =
        http.post(
            "/api/v1/faults",
            "{\"selector\":\"t=faults\",\"fault_type\":\"latency_spike\",\"duration\":\"1h\",\"params\":{\"latency_ms\":100}}");
    assertThat(r.json().path("affected_devices").asInt()).isEqualTo(4);
    http.post(
        "/api/v1/faults",
        "{\"ids\":[\"flt-000001\"],\"fault_type\":\"disconnect\",\"duration\":\"2s\"}");
    JsonNode latency =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> fault(http.get("/api/v1/faults/active").json(), "latency_spike"),
                f -> f != null && f.path("devices").asInt() == 4);
    assertThat(latency.path("remaining_seconds").asDouble()).isBetween(3500.0, 3600.0);
    assertThat(latency.path("params").path("latency_ms").asText()).isEqualTo("100");
    assertThat(latency.path("device_types").toString()).isEqualTo("[\"flt\"]");
    assertThat(latency.path("ends_at").asText()).endsWith("Z");
    // the 2 s disconnect ends by itself and leaves the list
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fault(http.get("/api/v1/faults/active").json(), "disconnect") == null);
    // stopped devices leave the board
    http.post("/api/v1/devices/stop", "{\"ids\":[\"flt-000001\",\"flt-000002\"]}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> fault(http.get("/api/v1/faults/active").json(), "latency_spike"),
            f -> f != null && f.path("devices").asInt() == 2);
    http.post("/api/v1/devices/stop", "{\"selector\":\"t=faults\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fault(http.get("/api/v1/faults/active").json(), "latency_spike") == null);
    assertThat(http.get("/api/v1/faults/active").json().path("lost_events").asLong()).isZero();
  }

  static JsonNode fault(JsonNode active, String type) {
    for (JsonNode f : active.path("faults")) {
      if (f.path("fault_type").asText().equals(type)) {
        return f;
      }
    }
    return null;
  }

  @Test
  void scenariosAreValidatedWithTheirLines() {
    JsonNode good =
        http.send(
                "POST",
                "/api/v1/scenarios/validate",
                "name: ok\nsteps:\n  - wait: 90s\n  - log: done\n",
                "application/yaml")
            .json();
    assertThat(good.path("valid").asBoolean()).isTrue();
    assertThat(good.path("name").asText()).isEqualTo("ok");
    assertThat(good.path("steps_total").asInt()).isEqualTo(2);
    assertThat(good.path("planned_seconds").asDouble()).isEqualTo(90.0);

    JsonNode bad =
        http.post(
                "/api/v1/scenarios/validate",
                "{\"source\":\"name: bad\\nsteps:\\n  - log: a\\n  - wait: soon\\n\"}")
            .json();
    assertThat(bad.path("valid").asBoolean()).isFalse();
    assertThat(bad.path("problems").get(0).path("line").asInt()).isEqualTo(4);
    assertThat(bad.path("problems").get(0).path("message").asText()).startsWith("steps[1].wait: ");

    JsonNode broken =
        http.send("POST", "/api/v1/scenarios/validate", "name: x\nsteps: [\n", "application/yaml")
            .json();
    assertThat(broken.path("valid").asBoolean()).isFalse();
    assertThat(broken.path("problems").get(0).path("line").asInt()).isGreaterThanOrEqualTo(2);

    assertBadRequest(
        http.post("/api/v1/scenarios/validate", "{\"source\":\" \"}"),
        "source",
        "source: required: the scenario's YAML text");
    assertThat(
            http.post("/api/v1/scenarios/validate", "{\"yaml\":\"x\"}")
                .json()
                .path("field")
                .asText())
        .isEqualTo("yaml");
  }

  @Test
  void theShippedScenarioFilesAreListed() {
    JsonNode files = http.get("/api/v1/scenarios/files").json();
    List<String> names = new ArrayList<>();
    files.forEach(f -> names.add(f.path("name").asText()));
    assertThat(names).contains("firmware_rollout", "ramp_up").isSorted();
    JsonNode rollout = files.get(names.indexOf("firmware_rollout"));
    assertThat(rollout.path("file").asText()).isEqualTo("scenarios/firmware_rollout.yaml");
    assertThat(rollout.path("source").asText()).contains("name: firmware_rollout");
  }

  @Test
  void theClockSpeedChangesAndBadSpeedsNameTheField() {
    try {
      JsonNode changed =
          http.send("PUT", "/api/v1/clock", "{\"speed\":\"2.5\"}", "application/json").json();
      assertThat(changed.path("speed").asText()).isEqualTo("2.5");
      assertThat(http.get("/api/v1/clock").json().path("speed").asText()).isEqualTo("2.5");
      assertThat(http.get("/api/v1/status").json().path("speed").asText()).isEqualTo("2.5");
      assertBadRequest(
          http.send("PUT", "/api/v1/clock", "{\"speed\":\"fast\"}", "application/json"),
          "speed",
          "speed: must be a number in (0, 1000000] or max (got 'fast')");
      assertBadRequest(
          http.send("PUT", "/api/v1/clock", "{}", "application/json"),
          "speed",
          "speed: required: a number > 0 or max");
    } finally {
      http.send("PUT", "/api/v1/clock", "{\"speed\":\"1\"}", "application/json");
    }
    assertThat(http.get("/api/v1/clock").json().path("speed").asText()).isEqualTo("1");
  }

  @Test
  void maxRateThinsTheStreamAndCountsWhatItSkipped() {
    // 200 devices every 100 ms: ~2,000 readings a second, thinned to 100
    spawn("rate", 200, "100ms", "{\"t\":\"rate\"}");
    try {
      List<String> lines =
          http.sse(
              "/api/v1/devices/stream?selector=t%3Drate&format=reading&max_rate=100",
              l -> l.stream().filter(x -> x.startsWith("data: {\"skipped\"")).count() >= 3,
              Duration.ofSeconds(20));
      int data = TestHttpNode.data(lines).size();
      long skipped = 0;
      int sampledEvents = 0;
      for (int i = 0; i < lines.size() - 1; i++) {
        if (lines.get(i).equals("event: sampled") && lines.get(i + 1).startsWith("data: ")) {
          sampledEvents++;
          skipped += TestHttpNode.data(List.of(lines.get(i + 1))).get(0).path("skipped").asLong();
        }
      }
      assertThat(sampledEvents).isGreaterThanOrEqualTo(3);
      // three reports (about 3 s): at most 100 a second passed, far more were skipped
      assertThat(skipped).isGreaterThan(2L * data);
      assertThat(data).isBetween(50, 500);
      assertThat(TestHttpNode.data(lines).stream().filter(d -> d.has("fields")).count())
          .isEqualTo(data - sampledEvents);
    } finally {
      http.post("/api/v1/devices/stop", "{\"selector\":\"t=rate\"}");
    }
    assertThat(
            http.sse("/api/v1/devices/stream?max_rate=0", l -> false, Duration.ofSeconds(5))
                .toString())
        .contains(
            "HTTP 400", "max_rate: must be an integer 1..1000000 readings per second (got '0')");
    assertThat(
            http.sse("/api/v1/devices/stream?max_rate=lots", l -> false, Duration.ofSeconds(5))
                .toString())
        .contains("HTTP 400", "\"field\":\"max_rate\"");
  }
}
