package io.iotsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.proto.simulator.v1.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call of the client against a real node over a real socket. */
class ClientCallsTest {

  static final Path PROFILE = Path.of("../profiles/temperature_sensor.yaml");

  static SimNode node;
  static IotSimClient client;
  static BlockingClient blocking;

  @BeforeAll
  static void start() {
    node = Nodes.start();
    client = Nodes.client(node);
    blocking = client.blocking();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  @Test
  void spawnFromAFileOrYamlThenReadStopPauseResume() throws Exception {
    SpawnDevicesResponse a = blocking.spawnProfile(PROFILE, 12, Map.of("suite", "calls-a"));
    assertThat(a.getCount()).isEqualTo(12);
    assertThat(a.getDeviceType()).isEqualTo("temperature_sensor");
    SpawnDevicesResponse b =
        client
            .spawnYaml(Files.readString(PROFILE), 3, Map.of("suite", "calls-b"))
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
    assertThat(b.getFirstIndex()).isEqualTo(a.getFirstIndex() + 12);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> blocking.fleetStatus().getByStateMap().getOrDefault("running", 0L) >= 15);
    assertThat(blocking.runtimeStatus().getActiveDevices()).isGreaterThanOrEqualTo(15);

    // Paged: pages of 5, all pages through allDevices.
    ListDevicesResponse page =
        blocking.listDevices(
            ListDevicesRequest.newBuilder()
                .setSelector(Selectors.labels("suite=calls-a"))
                .setLimit(5)
                .build());
    assertThat(page.getDevicesList()).hasSize(5);
    assertThat(page.getNextCursor()).isNotEmpty();
    List<DeviceSummary> all =
        blocking.allDevices(
            ListDevicesRequest.newBuilder()
                .setSelector(Selectors.labels("suite=calls-a"))
                .setLimit(5)
                .build());
    assertThat(all).hasSize(12);

    DeviceDetail d = blocking.device(a.getFirstDeviceId());
    assertThat(d.getDeviceId()).isEqualTo(a.getFirstDeviceId());

    assertThat(blocking.pause(Selectors.labels("suite=calls-b"))).isEqualTo(3);
    assertThat(blocking.resume(Selectors.labels("suite=calls-b"))).isEqualTo(3);
    assertThat(blocking.stop(Selectors.labels("suite=calls-b"))).isEqualTo(3);
  }

  @Test
  void faultsAndUpdatesShowInTheEventStream() throws Exception {
    SpawnDevicesResponse s = blocking.spawnProfile(PROFILE, 4, Map.of("suite", "calls-f"));
    try (CloseableIterator<DeviceEvent> events =
        client.eventsIterator(
            StreamEventsRequest.newBuilder()
                .setSelector(Selectors.labels("suite=calls-f"))
                .addEventTypes(EventType.EVENT_TYPE_FAULT_INJECTED)
                .build())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  blocking.injectFault(
                          InjectFaultRequest.newBuilder()
                              .setSelector(Selectors.ids(List.of(s.getFirstDeviceId())))
                              .setFaultType(FaultType.FAULT_TYPE_LATENCY_SPIKE)
                              .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(60))
                              .setParams(
                                  com.google.protobuf.Struct.newBuilder()
                                      .putFields(
                                          "latency_ms",
                                          com.google.protobuf.Value.newBuilder()
                                              .setNumberValue(50)
                                              .build()))
                              .build())
                      == 1);
      DeviceEvent e = events.next();
      assertThat(e.getDeviceId()).isEqualTo(s.getFirstDeviceId());
    }
    int updated =
        blocking.update(
            UpdateDeviceBehaviorRequest.newBuilder()
                .setSelector(Selectors.labels("suite=calls-f"))
                .putSetLabels("firmware", "2.0")
                .build());
    assertThat(updated).isEqualTo(4);
    assertThat(blocking.device(s.getFirstDeviceId()).getLabelsMap())
        .containsEntry("firmware", "2.0");
  }

  @Test
  void telemetryAsASourceAndAsAnIterator() throws Exception {
    blocking.spawnProfile(PROFILE, 3, Map.of("suite", "calls-t"));
    StreamTelemetryRequest request =
        StreamTelemetryRequest.newBuilder().setSelector(Selectors.labels("suite=calls-t")).build();
    List<TelemetryPoint> points =
        client
            .telemetry(request)
            .mapConcat(StreamTelemetryResponse::getPointsList)
            .take(5)
            .runWith(Sink.seq(), client.system())
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
    assertThat(points).hasSize(5);
    List<TelemetryPoint> fromIterator = new ArrayList<>();
    try (CloseableIterator<StreamTelemetryResponse> it = client.telemetryIterator(request)) {
      while (fromIterator.size() < 5 && it.hasNext()) {
        fromIterator.addAll(it.next().getPointsList());
      }
    }
    assertThat(fromIterator).hasSizeGreaterThanOrEqualTo(5);
    assertThat(fromIterator).allMatch(p -> p.getDeviceType().equals("temperature_sensor"));
  }

  @Test
  void scenariosSubmitFollowStatusListCancel(@TempDir Path dir) throws Exception {
    Path quick = dir.resolve("quick.yaml");
    Files.writeString(
        quick,
        "name: quick\nsteps:\n"
            + "  - spawn: {profile: "
            + PROFILE.toAbsolutePath().normalize()
            + ", count: 2, labels: {suite: calls-s}}\n"
            + "  - wait: 5s\n");
    ScenarioJob job = blocking.submitScenario(quick, "");
    List<ScenarioJob> progress =
        client
            .followScenario(job.getScenarioId(), Duration.ofMillis(100))
            .runWith(Sink.seq(), client.system())
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
    assertThat(progress.get(progress.size() - 1).getState())
        .isEqualTo(ScenarioState.SCENARIO_STATE_SUCCEEDED);
    assertThat(blocking.scenario(job.getScenarioId()).getState())
        .isEqualTo(ScenarioState.SCENARIO_STATE_SUCCEEDED);
    assertThat(blocking.listScenarios())
        .extracting(ScenarioJob::getScenarioId)
        .contains(job.getScenarioId());

    Path slow = dir.resolve("slow.yaml");
    Files.writeString(slow, "name: slow\nsteps:\n  - wait: 1h\n");
    ScenarioJob running = blocking.submitScenario(slow, "");
    ScenarioJob cancelled = blocking.cancelScenario(running.getScenarioId());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                blocking.scenario(cancelled.getScenarioId()).getState()
                    == ScenarioState.SCENARIO_STATE_CANCELLED);
  }

  @Test
  void aRepeatedSpawnRequestIdSpawnsOnce() throws Exception {
    SpawnDevicesRequest r =
        SpawnDevicesRequest.newBuilder()
            .setProfileYaml(Files.readString(PROFILE))
            .setCount(7)
            .putLabels("suite", "calls-idem")
            .setRequestId("spawn-once-1")
            .build();
    SpawnDevicesResponse first = blocking.spawn(r);
    SpawnDevicesResponse again = blocking.spawn(r);
    assertThat(again).isEqualTo(first);
    assertThat(
            blocking.allDevices(
                ListDevicesRequest.newBuilder()
                    .setSelector(Selectors.labels("suite=calls-idem"))
                    .build()))
        .hasSize(7);
  }

  @Test
  void errorsCarryTheStatusAndTheRequestId() {
    assertThatThrownBy(
            () ->
                BlockingClient.await(
                    client.device(
                        "no-such-000001", CallOptions.defaults().withRequestId("rid-42"))))
        .satisfies(
            e -> {
              Status s = Attempts.status(e);
              assertThat(s.getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(s.getDescription()).contains("[request-id rid-42]");
            });
    assertThatThrownBy(() -> blocking.spawnProfile(Path.of("no/such.yaml"), 1, Map.of()))
        .hasMessageContaining("no/such.yaml");
    assertThatThrownBy(
            () ->
                BlockingClient.await(
                    client.spawnYaml("device_type: x\nprotocol: nope\n", 1, Map.of())))
        .satisfies(
            e -> assertThat(Attempts.status(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void theNodeLogsEachCallWithItsRequestIdMethodAndStatus() throws Exception {
    ch.qos.logback.classic.Logger calls =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.iotsim.grpc.calls");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
        new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    calls.addAppender(seen);
    try {
      client
          .runtimeStatus(CallOptions.defaults().withRequestId("rid-log-1"))
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  seen.list.stream()
                      .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                      .anyMatch(
                          m ->
                              m.contains("DeviceRuntimeService/GetRuntimeStatus OK")
                                  && m.contains("request-id=rid-log-1")));
    } finally {
      calls.detachAppender(seen);
    }
  }
}
