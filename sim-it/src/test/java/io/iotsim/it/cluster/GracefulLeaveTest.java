package io.iotsim.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.it.NodeProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Graceful moves hand devices over without a duplicate or a gap: a SIGTERM'd node's devices, and
 * the devices of shards rebalanced to a joining node, continue on their new node at the reading
 * after the last one their old node published, catching up the slots that fell due while they
 * moved. Checked on what every node wrote (jsonl): per device, readings on one node's schedule,
 * never the same timestamp twice, no node taking a device back, no two consecutive readings more
 * than two intervals apart.
 *
 * <p>One cluster for both, in order: three nodes, one leaves (SIGTERM), then a fourth joins the two
 * that stay and takes shards from them.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulLeaveTest {

  static final Path PROFILE = Path.of("..", "profiles", "vibration_sensor.yaml");
  static final int COUNT = 1500;
  static final long INTERVAL_MS = 1000;

  /**
   * How far a device's last reading may be behind the outputs' common horizon (the earliest of the
   * live nodes' last written readings): a move still in flight when the files are read.
   */
  static final long FRESH_MS = 5000;

  /** Devices the joining node must hold before the rebalance is checked (about 20 shards). */
  static final int REBALANCED = 300;

  static NodeProcesses cluster;

  @BeforeAll
  static void up() {
    cluster =
        NodeProcesses.builder()
            .nodes(3)
            .args("--output", "jsonl:{dir}/node-{node}.jsonl")
            // Shards move to a joining node in rounds, by default one shard per 10 s; here up to
            // 10 every 2 s, so many devices hand off at once and the rebalance is seen in seconds.
            .jvmArgs(
                "-Dpekko.cluster.sharding.rebalance-interval=2s",
                "-Dpekko.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit=10")
            .start();
    cluster.node(1).client().blocking().spawnProfile(PROFILE, COUNT, Map.of());
    long spawnedAt = wallMillis();
    // a few readings everywhere before anything moves
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> activeOn(cluster.alive()) == COUNT && wallMillis() > spawnedAt + 3000);
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void sigtermHandsEveryDeviceToTheSurvivorsWithoutDuplicateOrGap() throws Exception {
    NodeProcesses.Node victim = holdingMost(cluster.alive());
    long held = victim.client().blocking().runtimeStatus().getActiveDevices();
    List<NodeProcesses.Node> survivors = new ArrayList<>(cluster.alive());
    survivors.remove(victim);

    long sigterm = System.nanoTime();
    victim.process().destroy(); // SIGTERM: coordinated shutdown, the node leaves
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> activeOn(survivors) == COUNT);
    long handoffMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
    victim.terminate(Duration.ofSeconds(60));
    long exitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
    System.out.printf(
        "graceful leave: node %d held %d of %d devices; all running on the survivors %d ms"
            + " after SIGTERM; the node exited after %d ms%n",
        victim.index(), held, COUNT, handoffMs, exitedMs);

    assertThat(running(survivors.get(0))).as("devices running cluster-wide").isEqualTo(COUNT);
    assertThat(victim.logLines())
        .as("the leaving node's sharding shutdown completed")
        .noneMatch(l -> l.contains("Graceful shutdown of shard region timed out"))
        .noneMatch(l -> l.contains("Dropping") && l.contains("buffered messages"));

    // the survivors publish on past the catch-up before the outputs are read
    await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
    Report r = Outputs.read(cluster).check(survivors);
    System.out.println("graceful leave: " + r);
    assertThat(r.problems()).as("devices that broke a rule").isEmpty();
    assertThat(r.devices()).as("devices in the outputs").isEqualTo(COUNT);
    assertThat(r.movedFrom(victim.index()))
        .as("devices seen on the leaving node, then on a survivor")
        .isEqualTo(held);
  }

  @Test
  @Order(2)
  void aRebalanceToAJoiningNodeMovesDevicesWithoutDuplicateOrGap() throws Exception {
    assertThat(cluster.alive()).as("the two nodes that stayed after the leave").hasSize(2);
    long joining = System.nanoTime();
    NodeProcesses.Node joiner = cluster.add();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> joiner.client().blocking().runtimeStatus().getActiveDevices() >= REBALANCED);
    long movedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joining);
    // every device runs somewhere again (none caught between two nodes), and a few more
    // intervals pass on the new homes
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> activeOn(cluster.alive()) == COUNT);
    await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
    long onJoiner = joiner.client().blocking().runtimeStatus().getActiveDevices();
    System.out.printf(
        "rebalance: node %d joined; %d+ devices running there %d ms after its launch;"
            + " %d there when the outputs were read%n",
        joiner.index(), REBALANCED, movedMs, onJoiner);

    assertThat(running(joiner)).as("devices running cluster-wide").isEqualTo(COUNT);
    assertThat(
            joiner.logLines().stream()
                .filter(l -> l.contains("following the cluster clock"))
                .map(l -> l.substring(l.indexOf("ClockEpoch")))
                .distinct())
        .as("the joining node ran on the cluster's clock, never on one of its own first")
        .hasSize(1);
    Report r = Outputs.read(cluster).check(cluster.alive());
    System.out.println("rebalance: " + r);
    assertThat(r.problems()).as("devices that broke a rule").isEmpty();
    assertThat(r.devices()).as("devices in the outputs").isEqualTo(COUNT);
    assertThat(r.movedTo(joiner.index()))
        .as("devices seen on an old node, then on the joining one")
        .isGreaterThanOrEqualTo(REBALANCED);
  }

  // ---- helpers ----

  static long wallMillis() {
    return System.currentTimeMillis();
  }

  static long activeOn(List<NodeProcesses.Node> nodes) {
    long sum = 0;
    for (NodeProcesses.Node n : nodes) {
      sum += n.client().blocking().runtimeStatus().getActiveDevices();
    }
    return sum;
  }

  static long running(NodeProcesses.Node any) {
    return any.client().blocking().fleetStatus().getByStateMap().getOrDefault("running", 0L);
  }

  static NodeProcesses.Node holdingMost(List<NodeProcesses.Node> nodes) {
    NodeProcesses.Node most = null;
    long held = -1;
    for (NodeProcesses.Node n : nodes) {
      long here = n.client().blocking().runtimeStatus().getActiveDevices();
      if (here > held) {
        held = here;
        most = n;
      }
    }
    return most;
  }

  /** One reading as a node wrote it. */
  record Line(long timestamp, int node) {}

  /** Every node's output, per device, each node's lines in the order it wrote them. */
  record Outputs(Map<String, List<Line>> byDevice) {

    static Outputs read(NodeProcesses cluster) throws IOException {
      ObjectMapper json = new ObjectMapper();
      Map<String, List<Line>> byDevice = new HashMap<>();
      for (NodeProcesses.Node n : cluster.nodes()) {
        Path file = n.file(".jsonl");
        if (!Files.exists(file)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          JsonNode line;
          try {
            line = json.readTree(lines.get(i));
          } catch (IOException torn) {
            // a running node's last line may be half written; any other must parse
            assertThat(i).as("unreadable line %d of %s", i + 1, file).isEqualTo(lines.size() - 1);
            continue;
          }
          long ts = Instant.parse(line.get("timestamp").asText()).toEpochMilli();
          byDevice
              .computeIfAbsent(line.get("device_id").asText(), k -> new ArrayList<>())
              .add(new Line(ts, n.index()));
        }
      }
      return new Outputs(byDevice);
    }

    /**
     * Checks every device's readings; {@code live}: the nodes still writing, whose outputs' common
     * horizon every device must have reached (less {@link #FRESH_MS}).
     */
    Report check(List<NodeProcesses.Node> live) {
      long horizon = Long.MAX_VALUE;
      for (NodeProcesses.Node n : live) {
        long last = Long.MIN_VALUE;
        for (List<Line> lines : byDevice.values()) {
          for (Line l : lines) {
            if (l.node() == n.index()) {
              last = Math.max(last, l.timestamp());
            }
          }
        }
        horizon = Math.min(horizon, last);
      }
      long freshAfter = horizon - FRESH_MS;
      Map<String, String> problems = new LinkedHashMap<>();
      Map<String, List<Integer>> homes = new HashMap<>();
      long longestStep = 0;
      long longSteps = 0;
      for (var e : byDevice.entrySet()) {
        String device = e.getKey();
        List<Line> lines = e.getValue();
        // each node wrote a device's readings in order: by node, then by timestamp, is its order
        List<Line> ordered = new ArrayList<>(lines);
        ordered.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
          Line l = ordered.get(i);
          if (nodes.isEmpty() || nodes.get(nodes.size() - 1) != l.node()) {
            if (nodes.contains(l.node())) {
              problems.put(device, "node " + l.node() + " published it again after another node");
            }
            nodes.add(l.node());
          }
          if (i == 0) {
            continue;
          }
          Line prev = ordered.get(i - 1);
          long step = l.timestamp() - prev.timestamp();
          if (step == 0) {
            problems.put(
                device,
                "timestamp "
                    + l.timestamp()
                    + " twice (nodes "
                    + prev.node()
                    + ", "
                    + l.node()
                    + ")");
          } else if (step % INTERVAL_MS != 0) {
            problems.put(
                device, "off its schedule at " + l.timestamp() + " (step " + step + " ms)");
          } else if (step > 2 * INTERVAL_MS) {
            problems.put(
                device,
                "gap of "
                    + step
                    + " ms before "
                    + l.timestamp()
                    + " (nodes "
                    + prev.node()
                    + " -> "
                    + l.node()
                    + ")");
          }
          longestStep = Math.max(longestStep, step);
          if (step > INTERVAL_MS) {
            longSteps++;
          }
        }
        for (int node : nodes) {
          List<Long> own =
              lines.stream().filter(l -> l.node() == node).map(Line::timestamp).toList();
          for (int i = 1; i < own.size(); i++) {
            if (own.get(i) <= own.get(i - 1)) {
              problems.put(
                  device, "node " + node + " wrote " + own.get(i) + " after " + own.get(i - 1));
            }
          }
        }
        if (ordered.get(ordered.size() - 1).timestamp() < freshAfter) {
          problems.put(
              device,
              "silent since " + ordered.get(ordered.size() - 1).timestamp() + " on node " + nodes);
        }
        homes.put(device, nodes);
      }
      return new Report(byDevice.size(), homes, problems, longestStep, longSteps);
    }
  }

  /**
   * What the outputs showed.
   *
   * @param homes per device, the nodes that published it, in the order they did
   * @param longestStep the largest time between two consecutive readings of a device
   * @param missedSlots consecutive readings more than one interval apart (a slot without one)
   */
  record Report(
      int devices,
      Map<String, List<Integer>> homes,
      Map<String, String> problems,
      long longestStep,
      long missedSlots) {

    /** Devices that published on {@code node}, then elsewhere. */
    long movedFrom(int node) {
      return homes.values().stream()
          .filter(h -> h.contains(node) && h.get(h.size() - 1) != node)
          .count();
    }

    /** Devices that published elsewhere, then on {@code node}. */
    long movedTo(int node) {
      return homes.values().stream().filter(h -> h.size() > 1 && h.contains(node)).count();
    }

    @Override
    public String toString() {
      long moved = homes.values().stream().filter(h -> h.size() > 1).count();
      return devices
          + " devices, "
          + moved
          + " moved; longest step between consecutive readings "
          + longestStep
          + " ms; "
          + missedSlots
          + " steps longer than one interval; "
          + problems.size()
          + " problems"
          + (problems.isEmpty() ? "" : ", e.g. " + problems.entrySet().iterator().next());
    }
  }
}
