package io.iotsim.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.proto.simulator.v1.*;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real node over a real socket, driven by the generated Pekko gRPC client. */
class GrpcEndToEndTest {

  static SimNode node;
  static ActorSystem<Void> clientSystem;
  static DeviceRuntimeServiceClient client;

  @BeforeAll
  static void start() {
    // 10x speed: a 1 s profile interval gives readings every 100 ms of wall time.
    node =
        TestNodes.start(true, Map.of("iot-sim.node.speed", "10", "iot-sim.node.max-devices", 5000));
    clientSystem =
        ActorSystem.create(
            Behaviors.empty(),
            "client",
            com.typesafe.config.ConfigFactory.parseString(
                "pekko.actor.provider = local\npekko.actor.serialize-messages = off"));
    client =
        DeviceRuntimeServiceClient.create(
            GrpcClientSettings.connectToServiceAt("127.0.0.1", node.grpcPort(), clientSystem)
                .withTls(false),
            clientSystem);
  }

  @AfterAll
  static void stop() {
    client.close();
    clientSystem.terminate();
    node.close();
  }

  static DeviceSpec spec() {
    return ProfileProtos.toSpec(ProfileLoader.load(Path.of("../profiles/temperature_sensor.yaml")));
  }

  static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static Status.Code codeOf(Throwable t) {
    Throwable e = t instanceof ExecutionException ? t.getCause() : t;
    if (e instanceof GrpcServiceException g) {
      return g.getStatus().getCode();
    }
    if (e instanceof io.grpc.StatusRuntimeException s) {
      return s.getStatus().getCode();
    }
    throw new AssertionError("not a gRPC failure", e);
  }

  @Test
  void spawnsStatusStreamsAndStopsAThousandDevices() throws Exception {
    SpawnDevicesResponse spawned =
        get(
            client.spawnDevices(
                SpawnDevicesRequest.newBuilder()
                    .setSpec(spec())
                    .setCount(1000)
                    .putLabels("site", "e2e")
                    .build()));
    assertThat(spawned.getCount()).isEqualTo(1000);
    assertThat(spawned.getFirstDeviceId()).matches("temperature_sensor-\\d{6}");

    GetFleetStatusResponse status =
        get(
            client.getFleetStatus(
                GetFleetStatusRequest.newBuilder()
                    .setSelector(DeviceSelector.newBuilder().setLabelSelector("site=e2e"))
                    .build()));
    assertThat(status.getTotalDevices()).isEqualTo(1000);
    assertThat(status.getByStateMap()).containsEntry("running", 1000L);

    // Readings of exactly the selected devices arrive over the stream.
    List<TelemetryPoint> points =
        get(
            client
                .streamTelemetry(
                    StreamTelemetryRequest.newBuilder()
                        .setSelector(DeviceSelector.newBuilder().setLabelSelector("site=e2e"))
                        .setMaxBatchSize(200)
                        .build())
                .mapConcat(StreamTelemetryResponse::getPointsList)
                .take(3000)
                .runWith(Sink.seq(), clientSystem));
    Set<String> devices = new HashSet<>();
    for (TelemetryPoint p : points) {
      assertThat(p.getDeviceType()).isEqualTo("temperature_sensor");
      assertThat(p.getFieldsList())
          .extracting(FieldValue::getName)
          .containsExactly("temperature", "humidity", "battery");
      devices.add(p.getDeviceId());
    }
    assertThat(devices).hasSize(1000);

    GetRuntimeStatusResponse runtime =
        get(client.getRuntimeStatus(GetRuntimeStatusRequest.getDefaultInstance()));
    assertThat(runtime.getActiveDevices()).isGreaterThanOrEqualTo(1000);
    assertThat(runtime.getMasterSeed()).isEqualTo(42);
    assertThat(runtime.getThreadCount()).isPositive();

    StopDevicesResponse stopped =
        get(
            client.stopDevices(
                StopDevicesRequest.newBuilder()
                    .setSelector(DeviceSelector.newBuilder().setLabelSelector("site=e2e"))
                    .build()));
    assertThat(stopped.getStopped()).isEqualTo(1000);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        get(client.getFleetStatus(
                                GetFleetStatusRequest.newBuilder()
                                    .setSelector(
                                        DeviceSelector.newBuilder().setLabelSelector("site=e2e"))
                                    .build()))
                            .getTotalDevices())
                    .isZero());
  }

  @Test
  void aBadSpecIsInvalidArgumentNamingTheField() {
    DeviceSpec bad =
        spec().toBuilder()
            .setTelemetryFields(
                0,
                spec().getTelemetryFields(0).toBuilder()
                    .setGenerator(
                        com.google.protobuf.Struct.newBuilder()
                            .putFields(
                                "type",
                                com.google.protobuf.Value.newBuilder()
                                    .setStringValue("gausian")
                                    .build())))
            .build();
    assertThatThrownBy(
            () ->
                get(
                    client.spawnDevices(
                        SpawnDevicesRequest.newBuilder().setSpec(bad).setCount(1).build())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("telemetry_fields.temperature.type");
  }

  @Test
  void countsAreValidated() {
    assertThatThrownBy(
            () ->
                get(
                    client.spawnDevices(
                        SpawnDevicesRequest.newBuilder().setSpec(spec()).setCount(0).build())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("count");
    assertThatThrownBy(
            () ->
                get(
                    client.spawnDevices(
                        SpawnDevicesRequest.newBuilder().setSpec(spec()).setCount(6000).build())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED))
        .hasMessageContaining("max-devices");
  }

  @Test
  void aBadSelectorIsInvalidArgument() {
    assertThatThrownBy(
            () ->
                get(
                    client.stopDevices(
                        StopDevicesRequest.newBuilder()
                            .setSelector(
                                DeviceSelector.newBuilder().setLabelSelector("zone in (a,b"))
                            .build())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("selector");
    assertThatThrownBy(() -> get(client.stopDevices(StopDevicesRequest.getDefaultInstance())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("selector: required");
  }

  @Test
  void anInjectFaultWithoutSelectorIsInvalidArgument() {
    assertThatThrownBy(() -> get(client.injectFault(InjectFaultRequest.getDefaultInstance())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("selector: required");
  }

  @Test
  void anUnknownDeviceIsNotFound() {
    assertThatThrownBy(
            () ->
                get(
                    client.getDevice(
                        GetDeviceRequest.newBuilder().setDeviceId("nope-000001").build())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void updatesAreCheckedAgainstTheProfileAndGetDeviceShowsWhatTheDeviceRunsNow() throws Exception {
    DeviceSpec lamp =
        spec().toBuilder()
            .setDeviceType("grpc_lamp")
            .setTopicTemplate("lamps/{label.site}/{device_id}")
            .putLabels("site", "a")
            .build();
    SpawnDevicesResponse spawned =
        get(
            client.spawnDevices(
                SpawnDevicesRequest.newBuilder().setSpec(lamp).setCount(2).build()));
    DeviceSelector lamps =
        DeviceSelector.newBuilder().setLabelSelector("device_type=grpc_lamp").build();
    assertThatThrownBy(
            () ->
                get(
                    client.updateDeviceBehavior(
                        UpdateDeviceBehaviorRequest.newBuilder()
                            .setSelector(lamps)
                            .addRemoveLabels("site")
                            .build())))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("remove_labels")
        .hasMessageContaining("'grpc_lamp'");
    UpdateDeviceBehaviorResponse updated =
        get(
            client.updateDeviceBehavior(
                UpdateDeviceBehaviorRequest.newBuilder()
                    .setSelector(lamps)
                    .setTelemetryInterval(com.google.protobuf.Duration.newBuilder().setSeconds(2))
                    .putSetLabels("fw", "2")
                    .build()));
    assertThat(updated.getUpdated()).isEqualTo(2);
    DeviceDetail d =
        get(client.getDevice(
                GetDeviceRequest.newBuilder().setDeviceId(spawned.getFirstDeviceId()).build()))
            .getDevice();
    assertThat(d.getLabelsMap()).containsEntry("fw", "2").containsEntry("site", "a");
    assertThat(d.getSpec().getTelemetryInterval().getSeconds()).isEqualTo(2);
    assertThat(d.getSpec().getLabelsMap()).containsEntry("fw", "2");
    assertThat(d.getState()).isEqualTo(DeviceState.DEVICE_STATE_RUNNING);
  }
}
