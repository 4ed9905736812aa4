package io.iotsim.it.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism across topologies: one scenario at {@code --speed max} gives, sorted, the same jsonl
 * lines on three nodes (each writes its own file, concatenated) as on one node: the cluster's
 * barriers hold every node at each step's simulated time and wait for every node's watermark.
 */
class DeterminismAcrossTopologiesTest {

  private static final String CONFIG =
      """
      iot-sim.node.sim-start = "2026-01-01T00:00:00Z"
      iot-sim.node.master-seed = 42
      # small windows at max speed: files grow slowly between the job's end and the test's look
      iot-sim.scheduler.max-window-readings = 2000
      # a loaded machine may take longer than the default 3 s to bind remoting
      pekko.remote.artery.bind.bind-timeout = 30s
      """;

  @TempDir Path dir;

  private static String profile(String name) {
    return Path.of("..", "profiles", name + ".yaml").toAbsolutePath().normalize().toString();
  }

  @Test
  void spawnsOnThreeNodesGiveTheLinesOfOneNode() throws Exception {
    compare(
        "spawned",
        "name: spawned\nsteps:\n"
            + "  - spawn: {profile: "
            + profile("temperature_sensor")
            + ", count: 30, labels: {wave: a}}\n"
            + "  - wait: 5m\n"
            + "  - spawn: {profile: "
            + profile("smart_lock")
            + ", count: 12, labels: {wave: b}}\n"
            + "  - wait: 5m\n");
  }

  @Test
  void updatesAndFaultsOnThreeNodesGiveTheLinesOfOneNode() throws Exception {
    compare(
        "changed",
        "name: changed\nsteps:\n"
            + "  - spawn: {profile: "
            + profile("temperature_sensor")
            + ", count: 30, labels: {wave: a}}\n"
            + "  - wait: 2m\n"
            + "  - update: {selector: wave=a, telemetry_interval: 2s, set_labels: {firmware: \"2\"}}\n"
            + "  - fault: {selector: wave=a, type: disconnect, duration: 1m}\n"
            + "  - wait: 3m\n");
  }

  private void compare(String name, String yaml) throws Exception {
    Path soloDir = Files.createDirectories(dir.resolve("solo"));
    Path trioDir = Files.createDirectories(dir.resolve("trio"));
    try (NodeJvms solo = NodeJvms.start(soloDir, 1, CONFIG, i -> flags(soloDir, i));
        NodeJvms trio = NodeJvms.start(trioDir, 3, CONFIG, i -> flags(trioDir, i))) {
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                for (NodeJvms.Node n : trio.nodes()) {
                  assertThat(n.get("/api/v1/clock").path("nodes").asInt()).isEqualTo(3);
                }
              });
      Instant soloEnd = runToEnd(solo.node(1), name, yaml);
      Instant trioEnd = runToEnd(trio.node(2), name, yaml);
      assertThat(trioEnd).isEqualTo(soloEnd);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                List<String> one = lines(soloDir, 1, soloEnd);
                List<String> three = lines(trioDir, 3, trioEnd);
                assertThat(one).isNotEmpty();
                assertThat(three).hasSameSizeAs(one);
                assertThat(three).isEqualTo(one);
              });
      // the three nodes really shared the fleet: at least two wrote lines of their own
      int writers = 0;
      for (int i = 1; i <= 3; i++) {
        if (!lines(trioDir.resolve("node-" + i + ".jsonl"), trioEnd).isEmpty()) {
          writers++;
        }
      }
      assertThat(writers).isGreaterThanOrEqualTo(2);
    }
  }

  private static List<String> flags(Path dir, int i) {
    return List.of(
        "--speed", "max", "--output", "jsonl:" + dir.resolve("node-" + i + ".jsonl").toString());
  }

  /** Submits the scenario, waits for it to succeed and slows the clock; returns its end. */
  private static Instant runToEnd(NodeJvms.Node node, String name, String yaml) {
    String id =
        node.send("POST", "/api/v1/scenarios", NodeJvms.scenario(name, yaml), 201)
            .path("scenario_id")
            .asText();
    JsonNode[] done = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              done[0] = node.get("/api/v1/scenarios/" + id);
              return !done[0].path("state").asText().equals("running")
                  && !done[0].path("state").asText().equals("pending");
            });
    // the devices run on after the job: real speed keeps the files small until they are read
    node.send("PUT", "/api/v1/clock", Map.of("speed", "1"), 200);
    assertThat(done[0].path("state").asText()).as(done[0].toString()).isEqualTo("succeeded");
    return Instant.parse(done[0].path("sim_time").asText());
  }

  private static List<String> lines(Path dir, int nodes, Instant end) throws IOException {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      all.addAll(lines(dir.resolve("node-" + i + ".jsonl"), end));
    }
    all.sort(null);
    return all;
  }

  private static List<String> lines(Path file, Instant end) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    // the node is still writing (its devices run on): a last line without its newline is not
    // complete yet, and is read on a later poll
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Instant t = Instant.parse(NodeJvms.JSON.readTree(line).path("timestamp").asText());
      if (t.isBefore(end)) {
        out.add(line);
      }
    }
    return out;
  }
}
