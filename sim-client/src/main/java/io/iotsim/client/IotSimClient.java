package io.iotsim.client;

import com.typesafe.config.ConfigFactory;
import io.iotsim.proto.simulator.v1.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;

/**
 * A client of iot-sim nodes over the simulator.v1 contract, for orchestrator scripts and the CLI.
 *
 * <p>Every call:
 *
 * <ul>
 *   <li>returns a {@link CompletionStage} (see {@link #blocking()} for waiting versions);
 *   <li>has a deadline, the client's default ({@code iot-sim.client.deadline}) unless the {@link
 *       CallOptions} give one; the stage fails with DEADLINE_EXCEEDED when it passes;
 *   <li>sends an {@code x-request-id} header (the caller's, or a new UUID), which the node logs and
 *       appends to its error descriptions;
 *   <li>when the node answers UNAVAILABLE, fails over to the next endpoint and, if the call is safe
 *       to repeat, retries with exponential backoff and jitter ({@code iot-sim.client.retry}).
 * </ul>
 *
 * Safe to repeat: the reads, stop / pause / resume (by selection: a repeat finds nothing left to
 * do), behaviour updates (setting the same values again), scenario cancel, and spawn, which always
 * carries a request id the node remembers (a repeat returns the first answer instead of spawning a
 * second batch). Fault injection and scenario submission are not repeated. Streams connect to the
 * current endpoint when run; a stream that breaks fails and is for the caller to reopen.
 *
 * <p>Failures are {@link io.grpc.StatusRuntimeException}s or Pekko gRPC's {@code
 * GrpcServiceException}s with the node's status (INVALID_ARGUMENT naming the field, NOT_FOUND,
 * ...).
 */
public final class IotSimClient implements AutoCloseable {

  static final String REQUEST_ID = "x-request-id";

  /**
   * grpc-java logs failed connections through java.util.logging before the call fails; the caller
   * gets the failure itself, so only severe messages get through. Held here: JUL keeps loggers
   * weakly.
   */
  private static final java.util.logging.Logger GRPC_LOG =
      java.util.logging.Logger.getLogger("io.grpc");

  static {
    GRPC_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private final ClientSettings settings;
  private final ActorSystem<?> system;
  private final boolean ownSystem;
  private final Connections connections;
  private final Attempts attempts;

  private IotSimClient(ClientSettings settings, ActorSystem<?> system, boolean ownSystem) {
    this.settings = settings;
    this.system = system;
    this.ownSystem = ownSystem;
    this.connections =
        new Connections(settings.endpoints(), settings.tls(), settings.security(), system);
    this.attempts = new Attempts(connections, settings.retry());
  }

  /** A client of the nodes at {@code endpoints} ({@code host:port[,host:port...]}), defaults. */
  public static IotSimClient connect(String endpoints) {
    return connect(ClientSettings.of(endpoints));
  }

  /** A client with its own small local actor system, terminated by {@link #close()}. */
  public static IotSimClient connect(ClientSettings settings) {
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "iot-sim-client",
            ConfigFactory.parseString(
                    "pekko.actor.provider = local\n"
                        + "pekko.loglevel = WARNING\n"
                        + "pekko.stdout-loglevel = WARNING\n"
                        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n")
                .withFallback(ConfigFactory.load()));
    return new IotSimClient(settings, system, true);
  }

  /** A client on the caller's actor system, which {@link #close()} leaves running. */
  public static IotSimClient connect(ClientSettings settings, ActorSystem<?> system) {
    return new IotSimClient(settings, system, false);
  }

  public ClientSettings settings() {
    return settings;
  }

  /** The actor system streams run on (for {@code runWith}). */
  public ActorSystem<?> system() {
    return system;
  }

  /** The same calls, waiting for their answers. */
  public BlockingClient blocking() {
    return new BlockingClient(this);
  }

  // ---- lifecycle ----

  /**
   * Spawns {@code request.count} devices. The request id ({@code request.request_id}, else the
   * options', else a new one) makes the call safe to retry: the node answers a repeat from memory.
   */
  public CompletionStage<SpawnDevicesResponse> spawn(
      SpawnDevicesRequest request, CallOptions options) {
    String id =
        !request.getRequestId().isEmpty()
            ? request.getRequestId()
            : options.requestId().orElseGet(IotSimClient::newRequestId);
    SpawnDevicesRequest withId = request.toBuilder().setRequestId(id).build();
    Duration deadline = options.deadline().orElse(settings.spawnDeadline());
    return attempts.run(
        "SpawnDevices",
        true,
        deadline,
        id,
        n -> n.runtime().spawnDevices().addHeader(REQUEST_ID, id).invoke(withId));
  }

  public CompletionStage<SpawnDevicesResponse> spawn(SpawnDevicesRequest request) {
    return spawn(request, CallOptions.defaults());
  }

  /** Spawns devices of an inline profile (the contract's DeviceSpec). */
  public CompletionStage<SpawnDevicesResponse> spawn(
      DeviceSpec spec, int count, Map<String, String> labels) {
    return spawn(
        SpawnDevicesRequest.newBuilder()
            .setSpec(spec)
            .setCount(count)
            .putAllLabels(labels)
            .build());
  }

  /** Spawns devices of a profile given as YAML text; the node parses and validates it. */
  public CompletionStage<SpawnDevicesResponse> spawnYaml(
      String profileYaml, int count, Map<String, String> labels) {
    return spawn(
        SpawnDevicesRequest.newBuilder()
            .setProfileYaml(profileYaml)
            .setCount(count)
            .putAllLabels(labels)
            .build());
  }

  /** Spawns devices of a profile file (profiles/*.yaml). */
  public CompletionStage<SpawnDevicesResponse> spawnProfile(
      Path profileFile, int count, Map<String, String> labels) {
    return spawnYaml(read(profileFile), count, labels);
  }

  public CompletionStage<StopDevicesResponse> stop(DeviceSelector selector, CallOptions options) {
    StopDevicesRequest r = StopDevicesRequest.newBuilder().setSelector(selector).build();
    return unary(
        "StopDevices",
        true,
        options,
        (n, id) -> n.runtime().stopDevices().addHeader(REQUEST_ID, id).invoke(r));
  }

  public CompletionStage<StopDevicesResponse> stop(DeviceSelector selector) {
    return stop(selector, CallOptions.defaults());
  }

  public CompletionStage<PauseDevicesResponse> pause(DeviceSelector selector, CallOptions options) {
    PauseDevicesRequest r = PauseDevicesRequest.newBuilder().setSelector(selector).build();
    return unary(
        "PauseDevices",
        true,
        options,
        (n, id) -> n.runtime().pauseDevices().addHeader(REQUEST_ID, id).invoke(r));
  }

  public CompletionStage<PauseDevicesResponse> pause(DeviceSelector selector) {
    return pause(selector, CallOptions.defaults());
  }

  public CompletionStage<ResumeDevicesResponse> resume(
      DeviceSelector selector, CallOptions options) {
    ResumeDevicesRequest r = ResumeDevicesRequest.newBuilder().setSelector(selector).build();
    return unary(
        "ResumeDevices",
        true,
        options,
        (n, id) -> n.runtime().resumeDevices().addHeader(REQUEST_ID, id).invoke(r));
  }

  public CompletionStage<ResumeDevicesResponse> resume(DeviceSelector selector) {
    return resume(selector, CallOptions.defaults());
  }

  // ---- reads ----

  /** Devices by state and type; an unset selector counts all. */
  public CompletionStage<GetFleetStatusResponse> fleetStatus(
      GetFleetStatusRequest request, CallOptions options) {
    return unary(
        "GetFleetStatus",
        true,
        options,
        (n, id) -> n.runtime().getFleetStatus().addHeader(REQUEST_ID, id).invoke(request));
  }

  public CompletionStage<GetFleetStatusResponse> fleetStatus() {
    return fleetStatus(GetFleetStatusRequest.getDefaultInstance(), CallOptions.defaults());
  }

  /** The node's health: devices, readings/s, heap, publishers, simulated time. */
  public CompletionStage<GetRuntimeStatusResponse> runtimeStatus(CallOptions options) {
    GetRuntimeStatusRequest r = GetRuntimeStatusRequest.getDefaultInstance();
    return unary(
        "GetRuntimeStatus",
        true,
        options,
        (n, id) -> n.runtime().getRuntimeStatus().addHeader(REQUEST_ID, id).invoke(r));
  }

  public CompletionStage<GetRuntimeStatusResponse> runtimeStatus() {
    return runtimeStatus(CallOptions.defaults());
  }

  /** The cluster's members, their status and reachability, shards and devices per node. */
  public CompletionStage<GetClusterStatusResponse> clusterStatus(CallOptions options) {
    GetClusterStatusRequest r = GetClusterStatusRequest.getDefaultInstance();
    return unary(
        "GetClusterStatus",
        true,
        options,
        (n, id) -> n.runtime().getClusterStatus().addHeader(REQUEST_ID, id).invoke(r));
  }

  public CompletionStage<GetClusterStatusResponse> clusterStatus() {
    return clusterStatus(CallOptions.defaults());
  }

  /** One page of devices; pass its {@code next_cursor} as the next request's cursor. */
  public CompletionStage<ListDevicesResponse> listDevices(
      ListDevicesRequest request, CallOptions options) {
    return unary(
        "ListDevices",
        true,
        options,
        (n, id) -> n.runtime().listDevices().addHeader(REQUEST_ID, id).invoke(request));
  }

  public CompletionStage<ListDevicesResponse> listDevices(ListDevicesRequest request) {
    return listDevices(request, CallOptions.defaults());
  }

  /** Every device the request selects, page after page (each page a call with its deadline). */
  public Source<DeviceSummary, NotUsed> allDevices(ListDevicesRequest request) {
    return Source.unfoldAsync(
            Optional.of(request.getCursor()),
            (Optional<String> cursor) -> {
              if (cursor.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
              }
              ListDevicesRequest page = request.toBuilder().setCursor(cursor.get()).build();
              return listDevices(page)
                  .thenApply(
                      r ->
                          Optional.of(
                              Pair.create(
                                  r.getNextCursor().isEmpty()
                                      ? Optional.<String>empty()
                                      : Optional.of(r.getNextCursor()),
                                  r)));
            })
        .mapConcat(ListDevicesResponse::getDevicesList);
  }

  public CompletionStage<DeviceDetail> device(String deviceId, CallOptions options) {
    GetDeviceRequest r = GetDeviceRequest.newBuilder().setDeviceId(deviceId).build();
    return this.<GetDeviceResponse>unary(
            "GetDevice",
            true,
            options,
            (n, id) -> n.runtime().getDevice().addHeader(REQUEST_ID, id).invoke(r))
        .thenApply(GetDeviceResponse::getDevice);
  }

  public CompletionStage<DeviceDetail> device(String deviceId) {
    return device(deviceId, CallOptions.defaults());
  }

  // ---- real-time control ----

  /** Injects a fault; not repeated on UNAVAILABLE (a repeat would restart the fault's span). */
  public CompletionStage<InjectFaultResponse> injectFault(
      InjectFaultRequest request, CallOptions options) {
    return unary(
        "InjectFault",
        false,
        options,
        (n, id) -> n.runtime().injectFault().addHeader(REQUEST_ID, id).invoke(request));
  }

  public CompletionStage<InjectFaultResponse> injectFault(InjectFaultRequest request) {
    return injectFault(request, CallOptions.defaults());
  }

  /** Changes running devices' interval, generators or labels. */
  public CompletionStage<UpdateDeviceBehaviorResponse> update(
      UpdateDeviceBehaviorRequest request, CallOptions options) {
    return unary(
        "UpdateDeviceBehavior",
        true,
        options,
        (n, id) -> n.runtime().updateDeviceBehavior().addHeader(REQUEST_ID, id).invoke(request));
  }

  public CompletionStage<UpdateDeviceBehaviorResponse> update(UpdateDeviceBehaviorRequest request) {
    return update(request, CallOptions.defaults());
  }

  // ---- streams ----

  /** Telemetry batches of the selected devices, from now on, as long as the stream runs. */
  public Source<StreamTelemetryResponse, NotUsed> telemetry(StreamTelemetryRequest request) {
    String id = newRequestId();
    return Source.lazySource(
            () ->
                connections
                    .current()
                    .runtime()
                    .streamTelemetry()
                    .addHeader(REQUEST_ID, id)
                    .invoke(request))
        .mapMaterializedValue(m -> NotUsed.getInstance());
  }

  /** {@link #telemetry} as a blocking iterator; close it to end the stream. */
  public CloseableIterator<StreamTelemetryResponse> telemetryIterator(
      StreamTelemetryRequest request) {
    return iterator(telemetry(request));
  }

  /** Lifecycle events of the selected devices, from now on. */
  public Source<DeviceEvent, NotUsed> events(StreamEventsRequest request) {
    String id = newRequestId();
    return Source.lazySource(
            () ->
                connections
                    .current()
                    .runtime()
                    .streamEvents()
                    .addHeader(REQUEST_ID, id)
                    .invoke(request))
        .mapMaterializedValue(m -> NotUsed.getInstance())
        .map(StreamEventsResponse::getEvent);
  }

  /** {@link #events} as a blocking iterator; close it to end the stream. */
  public CloseableIterator<DeviceEvent> eventsIterator(StreamEventsRequest request) {
    return iterator(events(request));
  }

  // ---- scenarios ----

  /** Submits a scenario job; not repeated on UNAVAILABLE (a repeat would run it twice). */
  public CompletionStage<ScenarioJob> submitScenario(
      SubmitScenarioRequest request, CallOptions options) {
    return this.<SubmitScenarioResponse>unary(
            "SubmitScenario",
            false,
            options,
            (n, id) -> n.scenarios().submitScenario().addHeader(REQUEST_ID, id).invoke(request))
        .thenApply(SubmitScenarioResponse::getJob);
  }

  /** Submits the scenario file; {@code speed} "" keeps the node's, else a number or "max". */
  public CompletionStage<ScenarioJob> submitScenario(Path scenarioFile, String speed) {
    return submitScenario(
        SubmitScenarioRequest.newBuilder().setSource(read(scenarioFile)).setSpeed(speed).build(),
        CallOptions.defaults());
  }

  public CompletionStage<ScenarioJob> scenario(String scenarioId, CallOptions options) {
    GetScenarioRequest r = GetScenarioRequest.newBuilder().setScenarioId(scenarioId).build();
    return this.<GetScenarioResponse>unary(
            "GetScenario",
            true,
            options,
            (n, id) -> n.scenarios().getScenario().addHeader(REQUEST_ID, id).invoke(r))
        .thenApply(GetScenarioResponse::getJob);
  }

  public CompletionStage<ScenarioJob> scenario(String scenarioId) {
    return scenario(scenarioId, CallOptions.defaults());
  }

  public CompletionStage<ScenarioJob> cancelScenario(String scenarioId, CallOptions options) {
    CancelScenarioRequest r = CancelScenarioRequest.newBuilder().setScenarioId(scenarioId).build();
    return this.<CancelScenarioResponse>unary(
            "CancelScenario",
            true,
            options,
            (n, id) -> n.scenarios().cancelScenario().addHeader(REQUEST_ID, id).invoke(r))
        .thenApply(CancelScenarioResponse::getJob);
  }

  public CompletionStage<ScenarioJob> cancelScenario(String scenarioId) {
    return cancelScenario(scenarioId, CallOptions.defaults());
  }

  public CompletionStage<ListScenariosResponse> listScenarios(CallOptions options) {
    ListScenariosRequest r = ListScenariosRequest.getDefaultInstance();
    return unary(
        "ListScenarios",
        true,
        options,
        (n, id) -> n.scenarios().listScenarios().addHeader(REQUEST_ID, id).invoke(r));
  }

  public CompletionStage<ListScenariosResponse> listScenarios() {
    return listScenarios(CallOptions.defaults());
  }

  /**
   * A job's progress: its state each time it changes (state, steps done, current step), polled
   * every {@code every}, ending with the job's final state (succeeded, failed or cancelled).
   */
  public Source<ScenarioJob, NotUsed> followScenario(String scenarioId, Duration every) {
    return Source.unfoldAsync(
            Optional.<ScenarioJob>empty(),
            (Optional<ScenarioJob> last) -> {
              if (last.isPresent() && finished(last.get())) {
                return CompletableFuture.completedFuture(Optional.empty());
              }
              CompletionStage<ScenarioJob> poll =
                  last.isEmpty()
                      ? scenario(scenarioId)
                      : delay(every).thenCompose(x -> scenario(scenarioId));
              return poll.thenApply(job -> Optional.of(Pair.create(Optional.of(job), job)));
            })
        .filter(new ChangeFilter()::changed);
  }

  /** Whether a job has reached its final state. */
  public static boolean finished(ScenarioJob job) {
    return switch (job.getState()) {
      case SCENARIO_STATE_SUCCEEDED, SCENARIO_STATE_FAILED, SCENARIO_STATE_CANCELLED -> true;
      default -> false;
    };
  }

  /** A fresh request id. */
  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() {
    connections.close();
    if (ownSystem) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  // ---- plumbing ----

  @FunctionalInterface
  private interface Attempt<T> {
    CompletionStage<T> call(Connections.Node node, String requestId);
  }

  private <T> CompletionStage<T> unary(
      String method, boolean repeatable, CallOptions options, Attempt<T> attempt) {
    String id = options.requestId().orElseGet(IotSimClient::newRequestId);
    Duration deadline = options.deadline().orElse(settings.deadline());
    Function<Connections.Node, CompletionStage<T>> f = n -> attempt.call(n, id);
    return attempts.run(method, repeatable, deadline, id, f);
  }

  private <T> CloseableIterator<T> iterator(Source<T, NotUsed> source) {
    java.util.stream.Stream<T> stream = source.runWith(StreamConverters.asJavaStream(), system);
    java.util.Iterator<T> it = stream.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  private static CompletionStage<Void> delay(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(d.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)
        .execute(() -> f.complete(null));
    return f;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Passes a job only when it differs from the one before (progress, not every poll). */
  private static final class ChangeFilter {
    private ScenarioJob last;

    synchronized boolean changed(ScenarioJob job) {
      ScenarioJob comparable = job.toBuilder().clearSimTime().build();
      boolean changed = !comparable.equals(last);
      last = comparable;
      return changed;
    }
  }
}
