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
            "{\"profile_inline\":"
                + ApiRoutesTest.inline("steady")
                + ",\"count\":10,\"labels\":{\"site\":\"north\"}}");
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
    assertThat(http.get("/api/v1/devices/status").json().path("total_devices").asInt())
        .isEqualTo(10);
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
        http.post(
            "/api/v1/faults",
            "{\"selector\":\"site=north\",\"fault_type\":\"disconnect\",\"duration\":\"99999999999999d\"}"),
        400,
        "duration",
        "must be between 0s and 3650d");
    assertError(
        http.post(
            "/api/v1/devices/update",
            "{\"selector\":\"site=north\",\"telemetry_interval\":\"999999999999d\"}"),
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
      assertError(
          http.post("/api/v1/devices/" + op, none + "}"),
          404,
          "selector",
          "matched 0 devices",
          "site=nowhere");
    }
    assertError(
        http.post("/api/v1/faults", none + ",\"fault_type\":\"disconnect\",\"duration\":\"5s\"}"),
        404,
        "selector",
        "matched 0 devices");
    assertError(
        http.post("/api/v1/devices/update", none + ",\"telemetry_interval\":\"5s\"}"),
        404,
        "selector",
        "matched 0 devices");
    assertError(
        http.post("/api/v1/devices/stop", "{\"device_type\":\"nope\"}"),
        404,
        "selector",
        "matched 0 devices");
    assertError(
        http.post("/api/v1/devices/pause", "{\"ids\":[\"nope-000001\"]}"),
        404,
        "selector",
        "matched 0 devices");
  }

  // ---- item 5: empty sets

  @Test
  void anEmptySetIs400WithTheColumnAndStopsNothing() {
    assertError(
        http.post("/api/v1/devices/stop", "{\"selector\":\"k notin ()\"}"),
        400,
        "selector",
        "at least one value",
        "column 10");
    assertError(
        http.post("/api/v1/devices/stop", "{\"selector\":\"device_id notin ()\"}"),
        400,
        "selector",
        "at least one value",
        "column 18");
    assertError(
        http.post("/api/v1/devices/pause", "{\"selector\":\"site in ( )\"}"),
        400,
        "selector",
        "at least one value");
    assertError(
        http.get("/api/v1/devices?selector=k%20notin%20()"), 400, "selector", "at least one value");
  }

  // ---- item 6: one label grammar, enforced at spawn and update, and every valid label selectable

  static Response spawnWith(String type, String labelsJson) {
    return http.post(
        "/api/v1/devices/spawn",
        "{\"profile_inline\":"
            + ApiRoutesTest.inline(type)
            + ",\"count\":2,\"labels\":"
            + labelsJson
            + "}");
  }

  @Test
  void labelsOutsideTheGrammarAre400NamingTheLabel() {
    assertError(
        spawnWith("lbl_a", "{\"site\":\"日本語🚀\"}"), 400, "labels.site", "not a label value");
    assertError(
        spawnWith("lbl_a", "{\"a=b,c (d)\":\"x\"}"), 400, "labels.a=b,c (d)", "not a label key");
    assertError(
        spawnWith("lbl_a", "{\"site\":\"a/#/+\"}"), 400, "labels.site", "not a label value");
    String profile =
        ApiRoutesTest.inline("lbl_b")
            .replace("\"telemetry_fields\"", "\"labels\":{\"zone\":\"a b\"},\"telemetry_fields\"");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile_inline\":" + profile + ",\"count\":1}"),
        400,
        "profile_inline.labels.zone",
        "not a label value");
    assertError(
        http.post(
            "/api/v1/devices/update",
            "{\"selector\":\"site=north\",\"set_labels\":{\"site\":\"a/#\"}}"),
        400,
        "set_labels.site",
        "not a label value");
    assertThat(http.get("/api/v1/devices?type=lbl_a").json().path("count").asInt()).isZero();
  }

  @Test
  void everyValidLabelCanBeSelected() {
    Response r =
        spawnWith("lbl_ok", "{\"example.com/rack\":\"r-1.2_x\",\"tier\":\"\",\"A.b-c_d\":\"Z9\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    try {
      for (String selector :
          new String[] {
            "example.com/rack=r-1.2_x", "tier=\"\"", "A.b-c_d in (Z9)", "example.com/rack,tier"
          }) {
        Response listed =
            http.get(
                "/api/v1/devices?selector="
                    + java.net.URLEncoder.encode(
                        selector, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(listed.json().path("count").asInt())
            .as(selector + " " + listed.body())
            .isEqualTo(2);
      }
    } finally {
      assertThat(
              http.post("/api/v1/devices/stop", "{\"device_type\":\"lbl_ok\"}")
                  .json()
                  .path("stopped")
                  .asInt())
          .isEqualTo(2);
    }
  }

  // ---- item 3: a label that would make an invalid topic for the protocol is refused at spawn

  @Test
  void aLabelThatMakesAnInvalidTopicIsRefusedNamingIt() {
    String mqtt =
        ApiRoutesTest.inline("topic_m")
            .replace(
                "{\"type\":\"topic_m\",",
                "{\"type\":\"topic_m\",\"protocol\":\"mqtt\",\"topic_template\":\"t/{label.site}/{device_id}\",");
    assertError(
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":" + mqtt + ",\"count\":1,\"labels\":{\"site\":\"a/#\"}}"),
        400,
        "labels.site");
    String amqp =
        ApiRoutesTest.inline("topic_q")
            .replace(
                "{\"type\":\"topic_q\",",
                "{\"type\":\"topic_q\",\"protocol\":\"amqp\",\"topic_template\":\"q.{label.a}.{label.b}.{label.c}.{label.d}.{label.e}\",");
    String v = "v".repeat(60);
    assertError(
        http.post(
            "/api/v1/devices/spawn",
            "{\"profile_inline\":"
                + amqp
                + ",\"count\":1,\"labels\":{\"a\":\""
                + v
                + "\",\"b\":\""
                + v
                + "\",\"c\":\""
                + v
                + "\",\"d\":\""
                + v
                + "\",\"e\":\""
                + v
                + "xyz\"}}"),
        400,
        "labels.e",
        "amqp topic",
        "255 bytes");
    // the same limit at update: labels short enough at spawn, one set_labels value too many
    String w = "w".repeat(50);
    assertThat(
            http.post(
                    "/api/v1/devices/spawn",
                    "{\"profile_inline\":"
                        + amqp
                        + ",\"count\":1,\"labels\":{\"a\":\""
                        + v
                        + "\",\"b\":\""
                        + v
                        + "\",\"c\":\""
                        + v
                        + "\",\"d\":\""
                        + v
                        + "\",\"e\":\"x\"}}")
                .status())
        .isEqualTo(201);
    assertError(
        http.post(
            "/api/v1/devices/update",
            "{\"device_type\":\"topic_q\",\"set_labels\":{\"e\":\"" + w + "\"}}"),
        400,
        "set_labels.e",
        "255 bytes");
    assertThat(http.get("/api/v1/devices/topic_q-000001").json().path("labels").path("e").asText())
        .isEqualTo("x");
    assertThat(http.post("/api/v1/devices/stop", "{\"device_type\":\"topic_q\"}").status())
        .isEqualTo(200);
    String wildcard = mqtt.replace("t/{label.site}/{device_id}", "t/+/{device_id}");
    assertError(
        http.post("/api/v1/devices/spawn", "{\"profile_inline\":" + wildcard + ",\"count\":1}"),
        400,
        "profile_inline.topic_template",
        "wildcards");
  }

  // ---- item 9: spawn errors say the same about anything outside the catalog, never where it is

  @Test
  void aFileOutsideTheCatalogAndAMissingOneGetTheSameAnswer(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path outside = tmp.resolve("outside.yaml");
    java.nio.file.Files.writeString(outside, "type: outside\n");
    Response existing = http.post("/api/v1/devices/spawn", "{\"profile\":\"" + outside + "\"}");
    Response missing =
        http.post("/api/v1/devices/spawn", "{\"profile\":\"" + tmp.resolve("missing.yaml") + "\"}");
    assertError(existing, 400, "profile", "no profile", "in the catalog");
    assertThat(existing.json().path("error").asText().replace("outside", "X"))
        .isEqualTo(missing.json().path("error").asText().replace("missing", "X"));
    Response nul =
        http.post("/api/v1/devices/spawn", "{\"profile\":\"temp\\u0000erature_sensor\"}");
    assertError(nul, 400, "profile", "control characters");
    String home = java.nio.file.Path.of("").toAbsolutePath().getParent().toString();
    for (Response r :
        new Response[] {
          existing,
          missing,
          nul,
          http.post("/api/v1/devices/spawn", "{\"profile\":\"../../etc/passwd\"}")
        }) {
      assertThat(r.body()).doesNotContain(home);
    }
    // a scenario's spawn step looks profiles up on the node too: its answer names no directory
    // either
    Response scenario =
        http.post(
            "/api/v1/scenarios",
            "{\"source\":\"name: probe\\nsteps:\\n  - spawn: {profile: no_such_profile, count: 1}\\n\"}");
    assertThat(scenario.status()).as(scenario.body()).isIn(201, 400);
    assertThat(scenario.body()).contains("no_such_profile").doesNotContain(home);
    if (scenario.status() == 201) {
      String id = scenario.json().path("scenario_id").asText();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  http.get("/api/v1/scenarios/" + id)
                      .json()
                      .path("state")
                      .asText()
                      .equals("failed"));
      assertThat(http.get("/api/v1/scenarios/" + id).body())
          .contains("no profile 'no_such_profile'")
          .doesNotContain(home);
    }
  }
}
