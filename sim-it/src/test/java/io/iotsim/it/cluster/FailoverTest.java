package io.iotsim.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.Durations;
import io.iotsim.client.Selectors;
import io.iotsim.it.NodeProcesses;
import io.iotsim.proto.simulator.v1.FaultType;
import io.iotsim.proto.simulator.v1.InjectFaultRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the node holding most devices: its devices resume on the survivors from the replicated
 * registry within 30 s, with their pause state and faults, stopped devices stay gone, and the
 * captured output of all three nodes shows no duplicate, no going back and no burst.
 */
@Timeout(600)
class FailoverTest {

  static final Path PROFILE = Path.of("..", "profiles", "temperature_sensor.yaml");
  static final String TYPE = "temperature_sensor";
  static final int COUNT = 900;
  static final long INTERVAL_MS = 5000;

  static NodeProcesses cluster;

  @BeforeAll
  static void up() {
    cluster =
        NodeProcesses.builder()
            .nodes(3)
            .args("--output", "jsonl:{dir}/node-{node}.jsonl")
            .env("IOT_SIM_SBR_STABLE_AFTER", "5s")
            .start();
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static String id(int n) {
    return String.format("%s-%06d", TYPE, n);
  }

  static List<String> ids(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(FailoverTest::id).toList();
  }

  /** Through one node: fleet operations reach every node from there. */
  static void once(NodeProcesses.Node node, Consumer<NodeProcesses.Node> op) {
    op.accept(node);
  }

  static long activeOn(List<NodeProcesses.Node> nodes) {
    long sum = 0;
    for (NodeProcesses.Node n : nodes) {
      sum += n.client().blocking().runtimeStatus().getActiveDevices();
    }
    return sum;
  }

  @Test
  void survivorsResumeEveryDeviceWithItsStateAndNoDuplicateOrBurst() throws Exception {
    cluster.node(1).client().blocking().spawnProfile(PROFILE, COUNT, Map.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> activeOn(cluster.alive()) == COUNT);

    List<String> paused = ids(1, 10);
    List<String> faulted = ids(11, 20);
    List<String> stopped = ids(21, 30);
    long faultFrom = System.currentTimeMillis();
    long faultTo = faultFrom + 120_000;
    // any node controls every device: pause through node 1, fault through node 2, stop through 3
    List<NodeProcesses.Node> nodes = cluster.alive();
    nodes.get(0).client().blocking().pause(Selectors.ids(paused));
    once(
        nodes.get(1),
        n ->
            join(
                n.client()
                    .injectFault(
                        InjectFaultRequest.newBuilder()
                            .setSelector(Selectors.ids(faulted))
                            .setFaultType(FaultType.FAULT_TYPE_DISCONNECT)
                            .setDuration(Durations.fromSeconds(120))
                            .build())));
    nodes.get(2).client().blocking().stop(Selectors.ids(stopped));
    long opsDone = System.currentTimeMillis();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> activeOn(cluster.alive()) == COUNT - stopped.size());

    // the node holding most devices dies
    NodeProcesses.Node most = null;
    long held = -1;
    for (NodeProcesses.Node n : cluster.alive()) {
      long here = n.client().blocking().runtimeStatus().getActiveDevices();
      if (here > held) {
        held = here;
        most = n;
      }
    }
    NodeProcesses.Node victim = most;
    List<NodeProcesses.Node> survivors = new ArrayList<>(cluster.alive());
    survivors.remove(victim);
    long killedAt = System.currentTimeMillis();
    victim.kill();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(activeOn(survivors))
                    .as("devices on the survivors after node %d died", victim.index())
                    .isEqualTo(COUNT - stopped.size()));
    long resumedAt = System.currentTimeMillis();
    System.out.printf(
        "failover: node %d held %d devices; all running on the survivors after %d ms%n",
        victim.index(), held, resumedAt - killedAt);

    // the fleet status of any node covers the whole cluster
    Map<String, Long> pausedNow =
        new HashMap<>(survivors.get(0).client().blocking().fleetStatus().getByStateMap());
    assertThat(pausedNow).as("states on the survivors").containsEntry("paused", 10L);

    // let the survivors publish a few intervals, then read every node's output
    Thread.sleep(4 * INTERVAL_MS);
    Map<String, List<long[]>> readings = new HashMap<>(); // id -> (timestamp, node)
    for (NodeProcesses.Node n : cluster.nodes()) {
      for (JsonNode line : lines(n.file(".jsonl"))) {
        readings
            .computeIfAbsent(line.get("device_id").asText(), k -> new ArrayList<>())
            .add(
                new long[] {
                  Instant.parse(line.get("timestamp").asText()).toEpochMilli(), n.index()
                });
      }
    }
    Map<String, String> problems = new LinkedHashMap<>();
    int relocatedSeen = 0;
    for (var e : readings.entrySet()) {
      String device = e.getKey();
      List<long[]> rs = e.getValue();
      rs.sort(Comparator.comparingLong(r -> r[0]));
      for (int i = 1; i < rs.size(); i++) {
        if (rs.get(i)[0] <= rs.get(i - 1)[0]) {
          problems.put(device, "timestamp " + rs.get(i)[0] + " twice");
        }
        // the dead node's readings all come before the survivor's: no going back
        if (rs.get(i)[1] == victim.index() && rs.get(i - 1)[1] != victim.index()) {
          problems.put(device, "a reading of the dead node after a survivor's");
        }
      }
      for (int i = 2; i < rs.size(); i++) {
        if (rs.get(i)[0] > killedAt - INTERVAL_MS && rs.get(i)[0] - rs.get(i - 2)[0] < 1000) {
          problems.put(device, "3 readings within a second at " + rs.get(i)[0]);
        }
      }
      if (rs.stream().anyMatch(r -> r[1] == victim.index())
          && rs.stream().anyMatch(r -> r[1] != victim.index())) {
        relocatedSeen++;
      }
      long after = opsDone + INTERVAL_MS;
      if (paused.contains(device) && rs.stream().anyMatch(r -> r[0] > after)) {
        problems.put(device, "paused, yet published after the pause");
      }
      if (stopped.contains(device) && rs.stream().anyMatch(r -> r[0] > after)) {
        problems.put(device, "stopped, yet published after the stop");
      }
      if (faulted.contains(device)
          && rs.stream().anyMatch(r -> r[0] > opsDone + INTERVAL_MS && r[0] < faultTo)) {
        problems.put(device, "disconnected, yet published inside the fault's window");
      }
    }
    assertThat(problems).as("devices that broke a rule").isEmpty();
    assertThat(relocatedSeen)
        .as("devices seen publishing on the dead node, then elsewhere")
        .isPositive();
    // every running device published on the survivors after the gap
    long lastWanted = resumedAt + INTERVAL_MS;
    List<String> silent = new ArrayList<>();
    for (int n = 31; n <= COUNT; n++) {
      List<long[]> rs = readings.getOrDefault(id(n), List.of());
      if (rs.stream().noneMatch(r -> r[0] >= lastWanted - 2 * INTERVAL_MS)) {
        silent.add(id(n));
      }
    }
    assertThat(silent).as("running devices silent after the failover").isEmpty();
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file)) {
      try {
        out.add(json.readTree(line));
      } catch (IOException torn) {
        // the last line of a killed node may be cut short
      }
    }
    return out;
  }
}
