package io.iotsim.cluster.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.iotsim.cluster.guardian.NodeGuardian;
import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.cluster.node.NodeConfig;
import io.iotsim.core.device.SpawnBatch;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node's replica of the registry, on a real (one-node) cluster: when it counts as read, and how a
 * woken device waits for its batch.
 */
class ReplicatedRegistryTest {

  private ActorSystem<SpawnProtocol.Command> system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.terminate();
    }
  }

  private ReplicatedRegistry registry() {
    system =
        ActorSystem.create(
            NodeGuardian.create(),
            "iot-sim",
            NodeConfig.load(
                ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.port", 0))));
    return new ReplicatedRegistry(
        system,
        new Spawner(system, system.scheduler(), Duration.ofSeconds(5)),
        Duration.ofSeconds(3));
  }

  private void join() {
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
  }

  @Test
  void aNodeHasNotReadTheRegistryBeforeItIsAMember() throws Exception {
    ReplicatedRegistry registry = registry();
    // Before joining, a majority read would be answered by this node alone, with nothing: a
    // joining node that took that for the fleet lost the devices rebalanced to it.
    TimeUnit.SECONDS.sleep(2);
    assertThat(registry.synced()).as("synced before joining").isFalse();
    join();
    await().atMost(Duration.ofSeconds(20)).until(registry::synced);
  }

  @Test
  void aWokenDeviceWaitsForItsBatchAndNoLongerThanItIsToldTo() throws Exception {
    ReplicatedRegistry registry = registry();
    CompletableFuture<Void> known =
        registry.whenKnown("t-000003", Duration.ofSeconds(30)).toCompletableFuture();
    CompletableFuture<Void> never =
        registry.whenKnown("other-000001", Duration.ofMillis(500)).toCompletableFuture();
    join();
    await().atMost(Duration.ofSeconds(20)).until(registry::synced);
    assertThat(registry.knows("t-000003")).isFalse();
    assertThat(known).as("waiting while its batch is unknown here").isNotDone();

    SpawnBatch batch =
        registry
            .allocate("t", 10, RegistryStateTest.PROFILE, Map.of(), 7, 1_000)
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
    assertThat(batch.firstDeviceId()).isEqualTo("t-000001");
    known.get(5, TimeUnit.SECONDS);
    assertThat(registry.knows("t-000003")).isTrue();
    assertThat(registry.whenKnown("t-000010", Duration.ofMillis(1)).toCompletableFuture())
        .isCompleted();

    assertThatThrownBy(() -> never.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }
}
