package io.iotsim.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.it.NodeProcesses;
import io.iotsim.proto.simulator.v1.SpawnDevicesResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three node processes form one cluster, and Cluster Sharding places devices on all of them. */
@Timeout(300)
class ClusterFormationTest {

  static final Path PROFILE = Path.of("..", "profiles", "temperature_sensor.yaml");

  static NodeProcesses cluster;

  @BeforeAll
  static void up() {
    cluster = NodeProcesses.builder().nodes(3).args("--output", "null").start();
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void devicesSpawnedThroughOneNodeSpreadOverAllThree() {
    SpawnDevicesResponse spawned =
        cluster.node(1).client().blocking().spawnProfile(PROFILE, 3000, Map.of());
    assertThat(spawned.getCount()).isEqualTo(3000);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<Integer, Long> local = new LinkedHashMap<>();
              for (NodeProcesses.Node node : cluster.nodes()) {
                local.put(
                    node.index(), node.client().blocking().runtimeStatus().getActiveDevices());
              }
              assertThat(local.values().stream().mapToLong(Long::longValue).sum())
                  .as("devices per node %s", local)
                  .isEqualTo(3000);
              assertThat(local.values()).as("devices per node %s", local).allMatch(n -> n > 0);
            });
  }

  @Test
  void twoNodesSpawningTheSameTypeAtOnceGetDisjointIds() throws Exception {
    Path meter = Path.of("..", "profiles", "energy_meter.yaml");
    var fromTwo = cluster.node(2).client().spawnProfile(meter, 500, Map.of());
    var fromThree = cluster.node(3).client().spawnProfile(meter, 500, Map.of());
    SpawnDevicesResponse a = fromTwo.toCompletableFuture().get(120, TimeUnit.SECONDS);
    SpawnDevicesResponse b = fromThree.toCompletableFuture().get(120, TimeUnit.SECONDS);
    assertThat(a.getCount()).isEqualTo(500);
    assertThat(b.getCount()).isEqualTo(500);
    long aEnd = a.getFirstIndex() + a.getCount();
    long bEnd = b.getFirstIndex() + b.getCount();
    assertThat(aEnd <= b.getFirstIndex() || bEnd <= a.getFirstIndex())
        .as("ranges %d..%d and %d..%d", a.getFirstIndex(), aEnd - 1, b.getFirstIndex(), bEnd - 1)
        .isTrue();
    assertThat(Math.min(a.getFirstIndex(), b.getFirstIndex())).isEqualTo(1);
    assertThat(Math.max(aEnd, bEnd)).isEqualTo(1001);
  }
}
