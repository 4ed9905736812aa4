package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.iotsim.cluster.grpc.ProfileProtos;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.proto.simulator.v1.*;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a careless or hostile client sends over gRPC and the CLI, against a real node: bad input
 * exits 2 (INVALID_ARGUMENT / NOT_FOUND) naming the field, and afterwards the node still serves and
 * its devices keep their pace. The node's idle-timeout is 3 s here, so a quiet stream that outlives
 * it shows the keep-alive works without waiting a minute.
 */
class HostileClientTest {

  static SimNode node;
  static ActorSystem<Void> clientSystem;
  static DeviceRuntimeServiceClient client;
  static String runtime;

  /** One of ten devices every test leaves alone: its readings show the node kept its pace. */
  static final String STEADY = "temperature_sensor-000001";

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(true, Map.of("pekko.http.server.idle-timeout", "3s"));
    runtime = "127.0.0.1:" + node.grpcPort();
    clientSystem =
        ActorSystem.create(
            Behaviors.empty(),
            "hostile-client",
            com.typesafe.config.ConfigFactory.parseString(
                "pekko.actor.provider = local\npekko.actor.serialize-messages = off"));
    client =
        DeviceRuntimeServiceClient.create(
            GrpcClientSettings.connectToServiceAt("127.0.0.1", node.grpcPort(), clientSystem)
                .withTls(false),
            clientSystem);
    DeviceSpec spec =
        ProfileProtos.toSpec(ProfileLoader.load(Path.of("../profiles/temperature_sensor.yaml")))
            .toBuilder()
            .setTelemetryInterval(com.google.protobuf.Duration.newBuilder().setSeconds(1))
            .build();
    get(
        client.spawnDevices(
            SpawnDevicesRequest.newBuilder()
                .setSpec(spec)
                .setCount(10)
                .putLabels("site", "north")
                .build()));
  }

  @AfterAll
  static void stop() {
    client.close();
    clientSystem.terminate();
    node.close();
  }

  @AfterEach
  void theNodeStillServesAndItsDevicesKeepTheirRate() throws Exception {
    assertThat(
            get(client.getRuntimeStatus(GetRuntimeStatusRequest.getDefaultInstance()))
                .isInitialized())
        .isTrue();
    long before = readings();
    long start = System.nanoTime();
    // one reading a second at speed 1: three more take about three seconds, never much less
    await().atMost(Duration.ofSeconds(8)).until(() -> readings() >= before + 3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
    assertThat(
            get(client.getFleetStatus(
                    GetFleetStatusRequest.newBuilder()
                        .setSelector(DeviceSelector.newBuilder().setAll(true))
                        .build()))
                .getTotalDevices())
        .isEqualTo(10);
  }

  static long readings() throws Exception {
    return get(client.getDevice(GetDeviceRequest.newBuilder().setDeviceId(STEADY).build()))
        .getDevice()
        .getReadingsTotal();
  }

  static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static Status statusOf(CompletionStage<?> call) {
    try {
      get(call);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GrpcServiceException g) {
        return g.getStatus();
      }
      if (e.getCause() instanceof io.grpc.StatusRuntimeException s) {
        return s.getStatus();
      }
      throw new AssertionError("not a gRPC failure", e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the call succeeded");
  }

  static DeviceSelector selector(String expr) {
    return DeviceSelector.newBuilder().setLabelSelector(expr).build();
  }

  static void assertBadInput(CliRun r, String... parts) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    for (String p : parts) {
      assertThat(r.err()).contains(p);
    }
  }

  // ---- item 1: a stream that matches nothing stays open past the idle timeout

  @Test
  void quietStreamsOutliveTheIdleTimeout() {
    var telemetry =
        client
            .streamTelemetry(
                StreamTelemetryRequest.newBuilder().setSelector(selector("zz=1")).build())
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(clientSystem);
    var events =
        client
            .streamEvents(
                StreamEventsRequest.newBuilder()
                    .setSelector(selector("zz=1"))
                    .addEventTypes(EventType.EVENT_TYPE_FAULT_INJECTED)
                    .build())
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(clientSystem);
    CompletableFuture<?> telemetryDone = telemetry.second().toCompletableFuture();
    CompletableFuture<?> eventsDone = events.second().toCompletableFuture();
    // more than three idle timeouts without a byte of data
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(12))
        .until(() -> !telemetryDone.isDone() && !eventsDone.isDone());
    UniqueKillSwitch t = telemetry.first();
    UniqueKillSwitch e = events.first();
    t.shutdown();
    e.shutdown();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> telemetryDone.isDone() && eventsDone.isDone());
    assertThat(telemetryDone).isNotCompletedExceptionally();
    assertThat(eventsDone).isNotCompletedExceptionally();
  }

  // ---- item 2: durations past the maximum

  @Test
  void durationsPastTheMaximumAreBadInput() {
    assertBadInput(
        CliRun.of(
            "update",
            "--selector",
            "site=north",
            "--interval",
            "999999999999d",
            "--runtime",
            runtime),
        "--interval",
        "3650d");
    assertBadInput(
        CliRun.of(
            "fault",
            "inject",
            "--type",
            "disconnect",
            "--selector",
            "site=north",
            "--duration",
            "99999999999999d",
            "--runtime",
            runtime),
        "--duration",
        "3650d");
    Status s =
        statusOf(
            client.injectFault(
                InjectFaultRequest.newBuilder()
                    .setSelector(selector("site=north"))
                    .setFaultType(FaultType.FAULT_TYPE_DISCONNECT)
                    .setDuration(
                        com.google.protobuf.Duration.newBuilder()
                            .setSeconds(99999999999999L * 86400 / 100))
                    .build()));
    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).startsWith("duration: must be between 0s and 3650d");
  }

  // ---- item 4: a selection that matches nothing says so, for every operation

  @Test
  void aSelectionThatMatchesNothingSaysSoForEveryOperation() {
    String[][] commands = {
      {"stop", "--selector", "zz=1"},
      {"pause", "--selector", "zz=1"},
      {"resume", "--selector", "zz=1"},
      {"fault", "inject", "--type", "disconnect", "--selector", "zz=1", "--duration", "5s"},
      {"update", "--selector", "zz=1", "--interval", "5s"},
      {"stop", "--type", "nope"},
    };
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.add("--runtime");
      args.add(runtime);
      assertBadInput(CliRun.of(args.toArray(String[]::new)), "NOT_FOUND", "matched 0 devices");
    }
    Status s =
        statusOf(
            client.stopDevices(
                StopDevicesRequest.newBuilder().setSelector(selector("zz=1")).build()));
    assertThat(s.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    // The node ends every error description with the call's request id (generated: none was sent).
    assertThat(s.getDescription())
        .matches("selector: matched 0 devices \\(zz=1\\) \\[request-id [0-9a-f-]{36}\\]");
  }

  // ---- item 6: labels outside the grammar, at spawn and at update

  @Test
  void labelsOutsideTheGrammarAreBadInputNamingTheLabel() {
    assertBadInput(
        CliRun.of(
            "spawn",
            "--profile",
            "../profiles/temperature_sensor.yaml",
            "--count",
            "1",
            "--labels",
            "site=日本語🚀",
            "--runtime",
            runtime),
        "labels.site",
        "not a label value");
    assertBadInput(
        CliRun.of(
            "update", "--selector", "site=north", "--set-label", "site=a/#", "--runtime", runtime),
        "set_labels.site");
    Status s =
        statusOf(
            client.spawnDevices(
                SpawnDevicesRequest.newBuilder()
                    .setSpec(
                        ProfileProtos.toSpec(
                            ProfileLoader.load(Path.of("../profiles/temperature_sensor.yaml"))))
                    .setCount(1)
                    .putLabels("a=b,c (d)", "x")
                    .build()));
    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).startsWith("labels.a=b,c (d): not a label key");
  }

  // ---- item 8: a field spec that does not parse

  @Test
  void aFieldSpecThatIsNoMappingExitsTwoNamingTheField() {
    assertBadInput(
        CliRun.of(
            "update",
            "--selector",
            "site=north",
            "--field",
            "temperature=not yaml {",
            "--runtime",
            runtime),
        "--field temperature",
        "mapping");
    assertBadInput(
        CliRun.of(
            "update",
            "--selector",
            "site=north",
            "--field",
            "temperature=[1, 2",
            "--runtime",
            runtime),
        "--field temperature");
  }

  // ---- item 7: an unreachable node is named with the cause, and nothing else reaches the terminal

  @Test
  void aRuntimeListFailsOverToTheNextNode() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun r = CliRun.of("status", "--runtime", "127.0.0.1:" + closed + "," + runtime);
    assertThat(r.exitCode()).as(r.err()).isZero();
    CliRun bad = CliRun.of("status", "--runtime", runtime + ",nope");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--runtime: must be host:port (got 'nope')");
  }

  @Test
  void anUnreachableNodeIsNamedWithTheCause() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun refused = CliRun.of("status", "--runtime", "127.0.0.1:" + closed);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("cannot reach the node at 127.0.0.1:" + closed + ": connection refused");
    CliRun unknown = CliRun.of("stop", "--all", "--runtime", "no-such-host.invalid:50051");
    assertThat(unknown.err())
        .contains("cannot reach the node at no-such-host.invalid:50051: unknown host");

    // as a user runs it: a process, its whole stderr
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // what ./iot-sim passes and the jar's manifest says (Enable-Native-Access)
                "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                IotSimCli.class.getName(),
                "status",
                "--runtime",
                "127.0.0.1:" + closed)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(1);
    assertThat(err.strip())
        .as(err)
        .isEqualTo(
            "iot-sim status: cannot reach the node at 127.0.0.1:"
                + closed
                + ": connection refused");
  }
}
