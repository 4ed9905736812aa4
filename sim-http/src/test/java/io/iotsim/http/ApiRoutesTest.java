package io.iotsim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.http.TestHttpNode.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of /api/v1 and every error case, over a real socket against one node; at the end,
 * every call made here must be an operation of the OpenAPI document and every operation of the
 * document must have been called.
 */
class ApiRoutesTest {

  static TestHttpNode http;

  @BeforeAll
  static void start() {
    http =
        TestHttpNode.start(
            Map.of(
                "iot-sim.node.speed",
                "10",
                "iot-sim.node.max-devices",
                1000,
                "iot-sim.http.sse.keep-alive",
                "1s"));
  }

  @AfterAll
  static void stop() {
    try {
      everyCallIsDocumentedAndEveryOperationCalled();
    } finally {
      http.close();
    }
  }

  static String inline(String type) {
    return "{\"type\":\""
        + type
        + "\",\"telemetry_interval\":\"1s\",\"telemetry_fields\":{\"t\":{\"type\":\"gaussian\",\"mean\":20,\"stddev\":1,\"precision\":1},"
        + "\"ok\":{\"type\":\"static\",\"value\":true}}}";
  }

  static JsonNode spawn(String type, int count) {
    Response r =
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":" + inline(type) + ",\"count\":" + count + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static void assertError(Response r, int status, String field, String... messageParts) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode e = r.json();
    if (field != null) {
      assertThat(e.path("field").asText()).as(r.body()).isEqualTo(field);
    }
    for (String part : messageParts) {
      assertThat(e.path("error").asText()).as(r.body()).contains(part);
    }
  }

  // ---- spawn

  @Test
  void spawnsAProfileByNameWithLabels() {
    Response r =
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile\":\"temperature_sensor\",\"count\":3,\"labels\":{\"site\":\"by-name\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode j = r.json();
    assertThat(j.path("device_type").asText()).isEqualTo("temperature_sensor");
    assertThat(j.path("count").asInt()).isEqualTo(3);
    assertThat(j.path("first_device_id").asText()).matches("temperature_sensor-\\d{6}");
    JsonNode page = http.get("/api/v1/devices?selector=site%3Dby-name").json();
    assertThat(page.path("count").asInt()).isEqualTo(3);
    assertThat(page.path("devices").get(0).path("labels").path("site").asText())
        .isEqualTo("by-name");
  }

  @Test
  void spawnsAProfileByPathInsideTheProfilesDirectory() {
    assertThat(http.post("/api/v1/devices/spawn", "{\"profile\":\"smart_lock.yaml\"}").status())
        .isEqualTo(201);
    // a path from the working directory, inside the profiles directory
    Response r =
        http.post(
            "/api/v1/devices/spawn", "{\"profile\":\"../profiles/energy_meter.yaml\",\"count\":1}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("device_type").asText()).isEqualTo("energy_meter");
  }

  @Test
  void spawnsAnInlineProfile() {
    JsonNode j = spawn("inline_probe", 2);
    assertThat(j.path("first_device_id").asText()).isEqualTo("inline_probe-000001");
    assertThat(j.path("last_device_id").asText()).isEqualTo("inline_probe-000002");
  }

  @Test
  void malformedJsonIsRejectedWithWhere() {
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\": \"temperature_sensor\""),
        400,
        "body",
        "malformed JSON",
        "line 1");
    assertError(http.post("/api/v1/devices/spawn", "not json"), 400, "body", "malformed JSON");
    assertError(http.post("/api/v1/devices/spawn", "[1,2]"), 400, "body", "must be a JSON object");
    assertError(http.post("/api/v1/devices/spawn", ""), 400, "body", "required");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"count\":1,\"count\":2,\"profile\":\"x\"}"),
        400,
        "body",
        "Duplicate field 'count'");
  }

  @Test
  void unknownFieldsAreNamed() {
    assertError(
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile\":\"temperature_sensor\",\"runtime\":\"localhost:50051\"}"),
        400,
        "runtime",
        "runtime: unknown field",
        "count, labels, profile, profile_inline");
    assertError(
        http.post("/api/v1/devices/stop", "{\"all\":true,\"force\":true}"),
        400,
        "force",
        "unknown field");
  }

  @Test
  void badCountsAreNamed() {
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"temperature_sensor\",\"count\":-5}"),
        400,
        "count",
        "count: must be >= 1 (got -5)");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"temperature_sensor\",\"count\":0}"),
        400,
        "count",
        "must be >= 1");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"temperature_sensor\",\"count\":\"10\"}"),
        400,
        "count",
        "must be an integer");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"temperature_sensor\",\"count\":1.5}"),
        400,
        "count",
        "must be an integer");
    assertError(
        http.post(
            "/api/v1/devices/spawn", "{\"profile\":\"temperature_sensor\",\"count\":99999999999}"),
        400,
        "count",
        "more than this node can ever run (max-devices 1000)");
  }

  @Test
  void aSpawnPastTheNodesLimitIs409() {
    spawn("full_a", 1);
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"temperature_sensor\",\"count\":1000}"),
        409,
        "count",
        "max-devices 1000");
  }

  @Test
  void unknownAndOutsideProfilesAreNamed(@TempDir Path tmp) throws Exception {
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"nope\"}"),
        400,
        "profile",
        "no profile 'nope'",
        "temperature_sensor");
    Path outside = tmp.resolve("outside.yaml");
    Files.writeString(outside, "type: outside\n");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"" + outside + "\"}"),
        400,
        "profile",
        "no profile",
        "in the catalog");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile\":\"../../../etc/passwd\"}"),
        400,
        "profile",
        "no profile");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"count\":1}"),
        400,
        "profile",
        "exactly one of profile");
    assertError(
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile\":\"smart_lock\",\"profile_inline\":" + inline("x") + "}"),
        400,
        "profile",
        "exactly one");
  }

  @Test
  void anInvalidInlineProfileListsEveryProblem() {
    Response r =
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":{\"type\":\"Bad Type\",\"telemetry_fields\":{\"h\":{\"type\":\"gaussian\",\"mean\":1,\"stddev\":-1}}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode j = r.json();
    assertThat(j.path("field").asText()).startsWith("profile_inline.");
    assertThat(j.path("problems")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(r.body()).contains("telemetry_fields.h.stddev").contains("type");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile_inline\":\"type: x\"}"),
        400,
        "profile_inline",
        "must be a JSON object");
  }

  @Test
  void labelValuesMustBeStrings() {
    assertError(
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile\":\"temperature_sensor\",\"labels\":{\"site\":5}}"),
        400,
        "labels.site",
        "must be a string");
  }

  @Test
  void tooLargeABodyIs413() {
    String big = "{\"profile\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertError(
        http.post("/api/v1/devices/spawn", big), 413, "body", "larger than this node accepts");
  }

  @Test
  void theNodeKeepsServingAfterBadRequests() {
    for (String bad : List.of("{", "[]", "{\"count\":-1}", "{\"profile\":\"nope\"}", "{\"x\":1}")) {
      assertThat(http.post("/api/v1/devices/spawn", bad).status()).isEqualTo(400);
    }
    assertThat(http.post("/api/v1/devices/stop", "{\"selector\":\"a in (\"}").status())
        .isEqualTo(400);
    assertThat(http.get("/api/v1/devices?limit=-1").status()).isEqualTo(400);
    spawn("after_bad", 1);
    assertThat(http.get("/healthz").status()).isEqualTo(200);
  }

  // ---- stop, pause, resume by selection

  @Test
  void stopsByIdsTypeSelectorAndAll() {
    spawn("stop_a", 4);
    assertThat(
            http.post("/api/v1/devices/stop", "{\"ids\":[\"stop_a-000001\",\"stop_a-000002\"]}")
                .json()
                .path("stopped")
                .asInt())
        .isEqualTo(2);
    assertThat(
            http.post(
                    "/api/v1/devices/stop",
                    "{\"selector\":\"device_type=stop_a,device_id in (stop_a-000003)\"}")
                .json()
                .path("stopped")
                .asInt())
        .isEqualTo(1);
    assertThat(
            http.post("/api/v1/devices/stop", "{\"device_type\":\"stop_a\"}")
                .json()
                .path("stopped")
                .asInt())
        .isEqualTo(1);
    assertThat(http.get("/api/v1/devices?type=stop_a").json().path("count").asInt()).isZero();
  }

  @Test
  void stopAllStopsEveryDevice() {
    // Runs on its own node: the other tests' devices are not this test's to stop.
    try (TestHttpNode other = TestHttpNode.start(Map.of())) {
      other.post(
          "/api/v1/devices/spawn", "{\"profile_inline\":" + inline("all_a") + ",\"count\":3}");
      assertThat(
              other.post("/api/v1/devices/stop", "{\"all\":true}").json().path("stopped").asInt())
          .isEqualTo(3);
      assertThat(other.get("/api/v1/devices/status").json().path("total_devices").asInt()).isZero();
    }
  }

  @Test
  void aTargetIsExactlyOneOfAllTypeIdsSelector() {
    assertError(http.post("/api/v1/devices/stop", "{}"), 400, "all", "exactly one of all");
    assertError(
        http.post("/api/v1/devices/stop", "{\"all\":true,\"device_type\":\"x\"}"),
        400,
        "selector",
        "exactly one",
        "got 2");
    assertError(http.post("/api/v1/devices/stop", "{\"all\":false}"), 400, "all", "must be true");
    assertError(http.post("/api/v1/devices/stop", "{\"ids\":[]}"), 400, "ids", "at least one");
    assertError(
        http.post("/api/v1/devices/stop", "{\"ids\":[\"a b\"]}"), 400, "ids", "not a device id");
    assertError(
        http.post("/api/v1/devices/stop", "{\"device_type\":\"Not A Type\"}"),
        400,
        "device_type",
        "must match");
    assertError(
        http.post("/api/v1/devices/pause", "{\"selector\":\"site in (a,\"}"),
        400,
        "selector",
        "selector:",
        "column");
    assertError(
        http.post("/api/v1/devices/resume", "{\"selector\":\"\"}"),
        400,
        "selector",
        "must not be empty");
    assertError(
        http.post("/api/v1/devices/stop", "{\"ids\":\"x\"}"), 400, "ids", "must be an array");
  }

  @Test
  void pausesAndResumesBySelection() {
    spawn("pr_a", 3);
    assertThat(
            http.post("/api/v1/devices/pause", "{\"device_type\":\"pr_a\"}")
                .json()
                .path("paused")
                .asInt())
        .isEqualTo(3);
    assertThat(http.get("/api/v1/devices?type=pr_a&state=paused").json().path("count").asInt())
        .isEqualTo(3);
    assertThat(
            http.post("/api/v1/devices/resume", "{\"ids\":[\"pr_a-000001\"]}")
                .json()
                .path("resumed")
                .asInt())
        .isEqualTo(1);
    assertThat(http.get("/api/v1/devices?type=pr_a&state=running").json().path("count").asInt())
        .isEqualTo(1);
  }

  // ---- one device

  @Test
  void pausesAndResumesOneDeviceWithConflictsAndUnknowns() {
    spawn("one_a", 1);
    Response paused = http.post("/api/v1/devices/one_a-000001/pause", null);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().path("state").asText()).isEqualTo("paused");
    assertError(
        http.post("/api/v1/devices/one_a-000001/pause", null),
        409,
        "device_id",
        "is paused",
        "only a running device");
    assertThat(http.post("/api/v1/devices/one_a-000001/resume", null).json().path("state").asText())
        .isEqualTo("running");
    assertError(
        http.post("/api/v1/devices/one_a-000001/resume", null), 409, "device_id", "is running");
    assertError(
        http.post("/api/v1/devices/nope-000001/pause", null),
        404,
        "device_id",
        "no device 'nope-000001'");
    assertError(
        http.post("/api/v1/devices/nope-000001/resume", null), 404, "device_id", "no device");
  }

  @Test
  void oneDevicesDetailHasItsSpecStateAndLabels() {
    spawn("detail_a", 1);
    Response r = http.get("/api/v1/devices/detail_a-000001");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode d = r.json();
    assertThat(d.path("device_id").asText()).isEqualTo("detail_a-000001");
    assertThat(d.path("state").asText()).isEqualTo("running");
    assertThat(d.path("telemetry_interval_ms").asLong()).isEqualTo(1000);
    assertThat(d.path("spec").path("type").asText()).isEqualTo("detail_a");
    assertThat(d.path("spec").path("telemetry_fields")).hasSize(2);
    assertThat(d.path("active_faults").isArray()).isTrue();
    assertThat(d.path("next_reading_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertError(http.get("/api/v1/devices/detail_a-999999"), 404, "device_id", "no device");
  }

  // ---- status and listing

  @Test
  void fleetStatusCountsByStateAndType() {
    spawn("status_a", 2);
    Response r = http.get("/api/v1/devices/status?selector=device_type%3Dstatus_a");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("total_devices").asInt()).isEqualTo(2);
    assertThat(j.path("max_devices").asInt()).isEqualTo(1000);
    assertThat(j.path("by_state").path("running").asInt()).isEqualTo(2);
    assertThat(j.path("by_type").get(0).path("device_type").asText()).isEqualTo("status_a");
    assertThat(http.get("/api/v1/devices/status").json().path("total_devices").asInt())
        .isGreaterThanOrEqualTo(2);
    assertError(http.get("/api/v1/devices/status?selector=a%20in"), 400, "selector", "selector:");
  }

  @Test
  void listsPageByPageInIdOrder() {
    spawn("page_a", 5);
    List<String> ids = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page = http.get("/api/v1/devices?type=page_a&limit=2&cursor=" + cursor).json();
      page.path("devices").forEach(d -> ids.add(d.path("device_id").asText()));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(ids)
        .containsExactly(
            "page_a-000001", "page_a-000002", "page_a-000003", "page_a-000004", "page_a-000005");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listingErrorsNameTheParameter() {
    assertError(http.get("/api/v1/devices?limit=0"), 400, "limit", "1..10000");
    assertError(http.get("/api/v1/devices?limit=10001"), 400, "limit", "1..10000");
    assertError(http.get("/api/v1/devices?limit=ten"), 400, "limit", "'ten'");
    assertError(http.get("/api/v1/devices?state=sleeping"), 400, "state", "idle, running, paused");
    assertError(http.get("/api/v1/devices?type=A%20B"), 400, "type", "must match");
    assertError(http.get("/api/v1/devices?selector=k%20notin"), 400, "selector", "selector:");
  }

  // ---- faults, update, scenarios: validated here, then the same node calls the gRPC service makes

  @Test
  void faultsAreValidatedThenInjectedIntoTheSelectedDevices() {
    spawn("fault_a", 2);
    Response ok =
        http.post(
            "/api/v1/faults",
            "{\"device_type\":\"fault_a\",\"fault_type\":\"latency_spike\",\"duration\":\"60s\",\"params\":{\"latency_ms\":5,\"reason\":\"test\"}}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("affected_devices").asInt()).isEqualTo(2);
    var detail = http.node.fleet().get("fault_a-000001").toCompletableFuture().join().orElseThrow();
    assertThat(detail.faults())
        .extracting(f -> f.type().yamlName())
        .containsExactly("latency_spike");
    assertError(
        http.post(
            "/api/v1/faults",
            "{\"selector\":\"site=nowhere\",\"fault_type\":\"disconnect\",\"duration\":\"60s\"}"),
        404,
        "selector",
        "matched 0 devices");
    assertError(
        http.post("/api/v1/faults", "{\"all\":true,\"duration\":\"60s\"}"),
        400,
        "fault_type",
        "required",
        "latency_spike");
    assertError(
        http.post("/api/v1/faults", "{\"all\":true,\"fault_type\":\"meteor\",\"duration\":\"1s\"}"),
        400,
        "fault_type",
        "'meteor'");
    assertError(
        http.post("/api/v1/faults", "{\"all\":true,\"fault_type\":\"disconnect\"}"),
        400,
        "duration",
        "required");
    assertError(
        http.post(
            "/api/v1/faults", "{\"all\":true,\"fault_type\":\"disconnect\",\"duration\":\"soon\"}"),
        400,
        "duration",
        "soon");
    assertError(
        http.post("/api/v1/faults", "{\"fault_type\":\"disconnect\",\"duration\":\"1s\"}"),
        400,
        "all",
        "exactly one");
    assertError(
        http.post(
            "/api/v1/faults",
            "{\"all\":true,\"fault_type\":\"disconnect\",\"duration\":\"1s\",\"params\":[]}"),
        400,
        "params");
    assertError(
        http.post(
            "/api/v1/faults",
            "{\"all\":true,\"fault_type\":\"latency_spike\",\"duration\":\"1s\",\"params\":{\"latency_ms\":[1]}}"),
        400,
        "params.latency_ms",
        "a number or a string");
    assertError(
        http.post(
            "/api/v1/faults",
            "{\"all\":true,\"fault_type\":\"disconnect\",\"duration\":\"1s\",\"params\":{\"latency_ms\":5}}"),
        400,
        "params.latency_ms",
        "unknown parameter");
  }

  @Test
  void updatesAreValidatedThenAppliedToTheSelectedDevices() {
    spawn("update_a", 2);
    Response ok =
        http.post(
            "/api/v1/devices/update",
            "{\"device_type\":\"update_a\",\"telemetry_interval\":\"10s\",\"set_labels\":{\"fw\":\"2\"},"
                + "\"telemetry_fields\":{\"t\":{\"type\":\"gaussian\",\"mean\":1,\"stddev\":1}},\"remove_labels\":[\"old\"]}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("updated").asInt()).isEqualTo(2);
    JsonNode d = http.get("/api/v1/devices/update_a-000002").json();
    assertThat(d.path("telemetry_interval_ms").asLong()).isEqualTo(10_000);
    assertThat(d.path("labels").path("fw").asText()).isEqualTo("2");
    assertError(
        http.post(
            "/api/v1/devices/update",
            "{\"selector\":\"site=nowhere\",\"telemetry_interval\":\"10s\"}"),
        404,
        "selector",
        "matched 0 devices");
    assertError(
        http.post("/api/v1/devices/update", "{\"all\":true}"),
        400,
        "telemetry_interval",
        "nothing to update");
    assertError(
        http.post("/api/v1/devices/update", "{\"all\":true,\"telemetry_interval\":\"-1s\"}"),
        400,
        "telemetry_interval");
    assertError(
        http.post(
            "/api/v1/devices/update", "{\"all\":true,\"telemetry_fields\":{\"t\":{\"mean\":1}}}"),
        400,
        "telemetry_fields.t",
        "generator");
  }

  @Test
  void scenariosAreSubmittedListedShownAndCancelled() {
    Response submitted =
        http.send(
            "POST",
            "/api/v1/scenarios",
            "name: rest_hold\nsteps:\n  - wait: 24h\n",
            "application/yaml");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("scenario_id").asText();
    assertThat(id).startsWith("rest_hold-");
    assertThat(submitted.json().path("submitted_at").asText()).endsWith("Z");
    assertThat(http.get("/api/v1/scenarios").json().toString()).contains(id);
    Response one = http.get("/api/v1/scenarios/" + id);
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(one.json().path("state").asText()).isIn("pending", "running");
    Response cancelled = http.send("DELETE", "/api/v1/scenarios/" + id, null, null);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().path("state").asText()).isEqualTo("cancelled");
    Response json =
        http.post(
            "/api/v1/scenarios",
            "{\"source\":\"steps:\\n  - log: hello\\n\",\"name\":\"rest_json\"}");
    assertThat(json.status()).as(json.body()).isEqualTo(201);
    assertThat(json.json().path("name").asText()).isEqualTo("rest_json");
    assertError(http.post("/api/v1/scenarios", "{\"name\":\"x\"}"), 400, "source", "required");
    assertError(
        http.send("POST", "/api/v1/scenarios", "  ", "application/yaml"), 400, "body", "required");
    assertError(
        http.send("POST", "/api/v1/scenarios", "steps: 3\n", "application/yaml"), 400, null);
    assertError(http.get("/api/v1/scenarios/no-such-job"), 404, "scenario_id", "no-such-job");
    assertError(
        http.send("DELETE", "/api/v1/scenarios/no-such-job", null, null),
        404,
        "scenario_id",
        "no-such-job");
  }

  // ---- profiles, status, health

  @Test
  void listsAndShowsProfiles() {
    Response r = http.get("/api/v1/profiles");
    assertThat(r.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    r.json().forEach(p -> names.add(p.path("name").asText()));
    assertThat(names)
        .contains("temperature_sensor", "smart_lock", "energy_meter", "vibration_sensor");
    JsonNode temp = null;
    for (JsonNode p : r.json()) {
      if (p.path("name").asText().equals("temperature_sensor")) {
        temp = p;
      }
    }
    assertThat(temp.path("fields")).isNotEmpty();
    assertThat(temp.path("telemetry_interval").asText()).isEqualTo("5s");
    Response one = http.get("/api/v1/profiles/smart_lock");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("source").asText()).contains("type: smart_lock");
    assertThat(one.json().path("spec").path("type").asText()).isEqualTo("smart_lock");
    assertError(http.get("/api/v1/profiles/nope"), 404, "name", "no profile 'nope'");
  }

  @Test
  void runtimeStatusAndHealth() {
    spawn("rt_a", 1);
    JsonNode s = http.get("/api/v1/status").json();
    assertThat(s.path("active_devices").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(s.path("max_devices").asInt()).isEqualTo(1000);
    assertThat(s.path("master_seed").asText()).isEqualTo("42");
    assertThat(s.path("speed").asText()).isEqualTo("10");
    assertThat(s.path("ready").asBoolean()).isTrue();
    assertThat(s.path("cluster_members").asInt()).isEqualTo(1);
    assertThat(s.path("protocols").isArray()).isTrue();
    JsonNode h = http.get("/api/v1/health").json();
    assertThat(h.path("status").asText()).isEqualTo("ok");
    assertThat(h.path("ready").asBoolean()).isTrue();
  }

  @Test
  void clusterStatusNamesThisNodeWithItsDevicesAndShards() {
    spawn("cl_a", 3);
    JsonNode c = http.get("/api/v1/cluster").json();
    String self = c.path("self").asText();
    assertThat(self).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(c.path("leader").asText()).isEqualTo(self);
    assertThat(c.path("missing_nodes")).isEmpty();
    assertThat(c.path("members")).hasSize(1);
    JsonNode m = c.path("members").get(0);
    assertThat(m.path("node").asText()).isEqualTo(self);
    assertThat(m.path("status").asText()).isEqualTo("up");
    assertThat(m.path("reachable").asBoolean()).isTrue();
    assertThat(m.path("devices").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(m.path("shards").asInt()).isPositive();
    assertThat(c.path("devices_total").asLong()).isEqualTo(m.path("devices").asLong());
  }

  // ---- routing errors

  @Test
  void unknownApiPathsAndWrongMethodsAnswerJson() {
    assertError(http.get("/api/v1/nothing"), 404, null, "no such endpoint: GET /api/v1/nothing");
    assertError(http.get("/api/v2/devices"), 404, null, "no such endpoint");
    assertError(http.get("/api/v1/devices/spawn"), 405, null, "allowed: POST");
    assertError(http.send("DELETE", "/api/v1/devices", null, null), 405, null, "allowed: GET");
  }

  // ---- streams

  @Test
  void telemetryStreamSendsTheSelectedDevicesReadingsPerMetric() {
    spawn("sse_a", 3);
    spawn("sse_b", 2);
    List<String> lines =
        http.sse(
            "/api/v1/devices/stream?device_type=sse_a&ids=sse_a-000001,sse_a-000002",
            l -> TestHttpNode.data(l).size() >= 8,
            Duration.ofSeconds(20));
    assertThat(lines.get(0)).isEqualTo(": stream open");
    List<JsonNode> data = TestHttpNode.data(lines);
    assertThat(data).hasSizeGreaterThanOrEqualTo(8);
    for (JsonNode d : data) {
      assertThat(d.path("device_id").asText()).isIn("sse_a-000001", "sse_a-000002");
      assertThat(d.path("metric").asText()).isIn("t", "ok");
      assertThat(d.path("timestamp").asText()).endsWith("Z");
      assertThat(d.has("value")).isTrue();
      if (d.path("metric").asText().equals("t")) {
        // at the field's precision (1 place), as the published payload has it
        double v = d.path("value").asDouble();
        assertThat(Math.abs(v * 10 - Math.round(v * 10))).isLessThan(1e-9);
      }
    }
  }

  @Test
  void telemetryStreamCanSendWholeReadings() {
    spawn("sse_c", 1);
    List<String> lines =
        http.sse(
            "/api/v1/devices/stream?selector=device_type%3Dsse_c&format=reading",
            l -> TestHttpNode.data(l).size() >= 2, Duration.ofSeconds(20));
    List<JsonNode> data = TestHttpNode.data(lines);
    assertThat(data).hasSizeGreaterThanOrEqualTo(2);
    assertThat(data.get(0).path("fields").path("ok").asBoolean()).isTrue();
    assertThat(data.get(0).path("fields").path("t").isNumber()).isTrue();
  }

  @Test
  void aQuietStreamSendsKeepAliveComments() {
    List<String> lines =
        http.sse(
            "/api/v1/devices/stream?ids=nobody-000001",
            l -> l.contains(": keep-alive"),
            Duration.ofSeconds(10));
    assertThat(lines).startsWith(": stream open").contains(": keep-alive");
    assertThat(TestHttpNode.data(lines)).isEmpty();
  }

  @Test
  void streamParametersAreValidated() {
    assertThat(
            http.sse("/api/v1/devices/stream?format=csv", l -> false, Duration.ofSeconds(5))
                .toString())
        .contains("HTTP 400", "format");
    assertThat(
            http.sse("/api/v1/devices/stream?selector=a%20in", l -> false, Duration.ofSeconds(5))
                .toString())
        .contains("HTTP 400", "selector");
    assertThat(
            http.sse(
                    "/api/v1/events/stream?event_types=spawned,bogus",
                    l -> false,
                    Duration.ofSeconds(5))
                .toString())
        .contains("HTTP 400", "unknown event type 'bogus'");
  }

  @Test
  void eventStreamSendsLifecycleEventsOneEachWithTheirFields() throws Exception {
    spawn("ev_a", 1);
    var events = new java.util.concurrent.CompletableFuture<List<String>>();
    new Thread(
            () ->
                events.complete(
                    http.sse(
                        "/api/v1/events/stream?device_type=ev_a&event_types=paused,resumed",
                        l -> TestHttpNode.data(l).size() >= 2,
                        Duration.ofSeconds(20))))
        .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> http.node.events().subscribers() >= 2);
    http.post("/api/v1/devices/ev_a-000001/pause", null);
    http.post("/api/v1/devices/ev_a-000001/resume", null);
    List<JsonNode> data = TestHttpNode.data(events.get(30, java.util.concurrent.TimeUnit.SECONDS));
    assertThat(data).hasSize(2);
    assertThat(data.get(0).path("event_type").asText()).isEqualTo("paused");
    assertThat(data.get(1).path("event_type").asText()).isEqualTo("resumed");
    assertThat(data.get(0).path("device_id").asText()).isEqualTo("ev_a-000001");
    assertThat(data.get(0).path("timestamp").asText()).endsWith("Z");
    assertThat(data.get(0).has("metadata")).isTrue();
    assertThat(data.get(0).has("message")).isTrue();
  }

  // ---- admin, docs, landing page

  @Test
  void adminEndpoints() {
    assertThat(http.get("/healthz").status()).isEqualTo(200);
    assertThat(http.get("/readyz").status()).isEqualTo(200);
    Response m = http.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.contentType()).startsWith("text/plain").contains("version=0.0.4");
  }

  @Test
  void docsAndTheOpenApiDocument() {
    Response doc = http.get("/api/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().path("openapi").asText()).startsWith("3.");
    Response page = http.get("/docs/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui-bundle.js");
    assertThat(http.get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
    assertThat(http.get("/docs/swagger-ui.css").status()).isEqualTo(200);
    assertThat(http.get("/docs/init.js").body()).contains("/api/openapi.json");
  }

  @Test
  void theRootServesThePackedDashboardOrLinksDocsAndStatus() {
    Response r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/html");
    // ui-dir (ui/dist under sim-http/) has no build here; the jar has one when ui/ was built
    if (ApiRoutesTest.class.getClassLoader().getResource("ui/index.html") != null) {
      assertThat(r.body()).contains("<div id=\"root\">");
    } else {
      assertThat(r.body()).contains("/docs").contains("/api/v1/status");
    }
  }

  // ---- the dashboard's endpoints (DashboardRoutesTest checks them in depth)

  @Test
  void dashboardEndpointsAnswer() {
    spawn("dash_a", 2);
    JsonNode table =
        http.get("/api/v1/devices/table?type=dash_a&sort=id&order=desc&limit=1").json();
    assertThat(table.path("total").asInt()).isEqualTo(2);
    assertThat(table.path("devices").get(0).path("device_id").asText()).isEqualTo("dash_a-000002");
    assertThat(http.get("/api/v1/faults/active").json().has("faults")).isTrue();
    assertThat(
            http.post(
                    "/api/v1/scenarios/validate",
                    "{\"source\":\"name: v\\nsteps:\\n  - wait: 1s\\n\"}")
                .json()
                .path("valid")
                .asBoolean())
        .isTrue();
    assertThat(http.get("/api/v1/scenarios/files").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/clock").json().path("speed").asText()).isEqualTo("10");
    assertThat(
            http.send("PUT", "/api/v1/clock", "{\"speed\":\"10\"}", "application/json")
                .json()
                .path("speed")
                .asText())
        .isEqualTo("10");
  }

  // ---- the OpenAPI document against what was called here

  static void everyCallIsDocumentedAndEveryOperationCalled() {
    JsonNode paths = http.get("/api/openapi.json").json().path("paths");
    List<String[]> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (!method.equals("parameters")) {
          operations.add(new String[] {method.toUpperCase(), p.getKey()});
        }
      }
    }
    List<String> undocumented = new ArrayList<>();
    List<String> called = new ArrayList<>();
    for (String call : http.calls) {
      String method = call.substring(0, call.indexOf(' '));
      String path = call.substring(call.indexOf(' ') + 1);
      if (!path.startsWith("/api/") && !List.of("/healthz", "/readyz", "/metrics").contains(path)) {
        continue; // docs assets and the UI are not API operations
      }
      String op = null;
      for (String[] o : operations) {
        if (o[0].equals(method)
            && template(o[1]).matcher(path).matches()
            && (op == null || !o[1].contains("{"))) {
          op = o[0] + " " + o[1];
        }
      }
      if (op == null) {
        if (!path.startsWith("/api/v2")
            && !path.equals("/api/v1/nothing")
            && !call.equals("GET /api/v1/devices/spawn")
            && !call.equals("DELETE /api/v1/devices")) {
          undocumented.add(call);
        }
      } else {
        called.add(op);
      }
    }
    assertThat(undocumented).as("calls that no OpenAPI operation describes").isEmpty();
    List<String> uncalled = new ArrayList<>();
    for (String[] o : operations) {
      if (!called.contains(o[0] + " " + o[1])) {
        uncalled.add(o[0] + " " + o[1]);
      }
    }
    assertThat(uncalled).as("OpenAPI operations no test called").isEmpty();
  }

  private static Pattern template(String path) {
    return Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z_]+\\}", "\\\\E[^/]+\\\\Q"));
  }
}
