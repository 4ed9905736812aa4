package io.iotsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.publish.testing.TcpProxy;
import io.iotsim.proto.simulator.v1.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Retries, the remembered spawn, and failover, against real nodes that go away. */
class ResilienceTest {

  static final Path PROFILE = Path.of("../profiles/temperature_sensor.yaml");

  @Test
  void aCallRetriedWhileTheNodeRestartsSucceedsOnceItIsBack() throws Exception {
    int port = Nodes.freePort();
    SimNode first = Nodes.start(port);
    try (IotSimClient client = IotSimClient.connect("127.0.0.1:" + port)) {
      String firstRun = client.blocking().runtimeStatus().getRunId();
      first.close();
      // Called while nothing listens: UNAVAILABLE, retried with backoff within its deadline.
      CompletableFuture<GetRuntimeStatusResponse> call =
          client.runtimeStatus(CallOptions.deadline(Duration.ofSeconds(40))).toCompletableFuture();
      Thread.sleep(1500);
      assertThat(call).isNotDone();
      SimNode second = Nodes.start(port);
      try {
        GetRuntimeStatusResponse r = call.get(45, TimeUnit.SECONDS);
        assertThat(r.getRunId()).isEqualTo(second.runId()).isNotEqualTo(firstRun);
      } finally {
        second.close();
      }
    }
  }

  @Test
  void aSpawnRetriedAfterALostAnswerLeavesExactlyOneBatch() throws Exception {
    SimNode node = Nodes.start();
    try (TcpProxy proxy = new TcpProxy(node.grpcPort());
        IotSimClient direct = Nodes.client(node);
        IotSimClient viaProxy = IotSimClient.connect("127.0.0.1:" + proxy.port())) {
      int count = 20_000;
      CompletableFuture<SpawnDevicesResponse> spawn =
          viaProxy
              .spawnYaml(Files.readString(PROFILE), count, java.util.Map.of("suite", "lost"))
              .toCompletableFuture();
      // The node has the request and is spawning: cut the connection before its answer.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> direct.blocking().runtimeStatus().getActiveDevices() > 0);
      assertThat(spawn).isNotDone();
      proxy.cutAll();
      SpawnDevicesResponse r = spawn.get(120, TimeUnit.SECONDS);
      assertThat(r.getCount()).isEqualTo(count);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> direct.blocking().fleetStatus().getTotalDevices() == count);
      GetFleetStatusResponse status = direct.blocking().fleetStatus();
      assertThat(status.getTotalDevices()).isEqualTo(count);
      assertThat(r.getFirstIndex()).isEqualTo(1);
    } finally {
      node.close();
    }
  }

  @Test
  void failsOverToTheSecondEndpointWhenTheFirstIsKilled() throws Exception {
    SimNode a = Nodes.start();
    SimNode b = Nodes.start();
    try (IotSimClient client = Nodes.client(a, b)) {
      assertThat(client.blocking().runtimeStatus().getRunId()).isEqualTo(a.runId());
      a.close();
      assertThat(client.blocking().runtimeStatus().getRunId()).isEqualTo(b.runId());
      // Later calls stay on the endpoint that answers.
      assertThat(client.blocking().fleetStatus().getTotalDevices()).isZero();
      assertThat(client.settings().endpoints()).hasSize(2);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void anUnreachableNodeFailsWithUnavailableAfterTheAttempts() throws Exception {
    int port = Nodes.freePort();
    ClientSettings s =
        ClientSettings.of("127.0.0.1:" + port)
            .withRetry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), 2, 0.2));
    try (IotSimClient client = IotSimClient.connect(s)) {
      long t0 = System.nanoTime();
      Throwable e =
          org.assertj.core.api.Assertions.catchThrowable(() -> client.blocking().fleetStatus());
      assertThat(Attempts.status(e).getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      assertThat(List.of(s.endpoints().get(0).port())).containsExactly(port);
    }
  }
}
