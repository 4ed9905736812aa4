package io.iotsim.http.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.ApiException;
import io.iotsim.proto.simulator.v1.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;

/** REST control calls become the runtime's gRPC requests, and its statuses HTTP errors. */
class GrpcLiveControlTest {

  /** A runtime service that records InjectFault / UpdateDeviceBehavior and answers as told. */
  static final class FakeRuntime implements DeviceRuntimeService {
    final AtomicReference<Object> last = new AtomicReference<>();
    volatile Status failWith;

    private <T> CompletionStage<T> answer(Object request, T response) {
      last.set(request);
      return failWith == null ? CompletableFuture.completedFuture(response) : CompletableFuture.failedFuture(new GrpcServiceException(failWith));
    }

    @Override
    public CompletionStage<InjectFaultResponse> injectFault(InjectFaultRequest in) {
      return answer(in, InjectFaultResponse.newBuilder().setAffectedDevices(7).build());
    }

    @Override
    public CompletionStage<UpdateDeviceBehaviorResponse> updateDeviceBehavior(UpdateDeviceBehaviorRequest in) {
      return answer(in, UpdateDeviceBehaviorResponse.newBuilder().setUpdated(3).build());
    }

    private static <T> T unused() {
      throw new UnsupportedOperationException();
    }

    @Override public CompletionStage<SpawnDevicesResponse> spawnDevices(SpawnDevicesRequest in) { return unused(); }
    @Override public CompletionStage<StopDevicesResponse> stopDevices(StopDevicesRequest in) { return unused(); }
    @Override public CompletionStage<PauseDevicesResponse> pauseDevices(PauseDevicesRequest in) { return unused(); }
    @Override public CompletionStage<ResumeDevicesResponse> resumeDevices(ResumeDevicesRequest in) { return unused(); }
    @Override public CompletionStage<GetFleetStatusResponse> getFleetStatus(GetFleetStatusRequest in) { return unused(); }
    @Override public CompletionStage<ListDevicesResponse> listDevices(ListDevicesRequest in) { return unused(); }
    @Override public CompletionStage<GetDeviceResponse> getDevice(GetDeviceRequest in) { return unused(); }
    @Override public Source<StreamTelemetryResponse, NotUsed> streamTelemetry(StreamTelemetryRequest in) { return unused(); }
    @Override public Source<StreamEventsResponse, NotUsed> streamEvents(StreamEventsRequest in) { return unused(); }
    @Override public CompletionStage<GetRuntimeStatusResponse> getRuntimeStatus(GetRuntimeStatusRequest in) { return unused(); }
  }

  static final ScenarioJob JOB =
      ScenarioJob.newBuilder()
          .setScenarioId("job-1")
          .setName("ramp_up")
          .setState(ScenarioState.SCENARIO_STATE_RUNNING)
          .setStepsTotal(5)
          .setStepsDone(2)
          .setCurrentStep("wait 2m")
          .setSubmittedAt(Timestamp.newBuilder().setSeconds(1_767_225_600L))
          .build();

  static final class FakeScenarios implements ScenarioService {
    @Override
    public CompletionStage<SubmitScenarioResponse> submitScenario(SubmitScenarioRequest in) {
      return CompletableFuture.completedFuture(SubmitScenarioResponse.newBuilder().setJob(JOB.toBuilder().setName(in.getName())).build());
    }

    @Override
    public CompletionStage<ListScenariosResponse> listScenarios(ListScenariosRequest in) {
      return CompletableFuture.completedFuture(ListScenariosResponse.newBuilder().addJobs(JOB).build());
    }

    @Override
    public CompletionStage<GetScenarioResponse> getScenario(GetScenarioRequest in) {
      return in.getScenarioId().equals("job-1")
          ? CompletableFuture.completedFuture(GetScenarioResponse.newBuilder().setJob(JOB).build())
          : CompletableFuture.failedFuture(new GrpcServiceException(Status.NOT_FOUND.withDescription("scenario_id: no job")));
    }

    @Override
    public CompletionStage<CancelScenarioResponse> cancelScenario(CancelScenarioRequest in) {
      return CompletableFuture.failedFuture(new GrpcServiceException(Status.UNIMPLEMENTED.withDescription("not yet")));
    }
  }

  final FakeRuntime runtime = new FakeRuntime();
  final GrpcLiveControl control = new GrpcLiveControl(runtime, new FakeScenarios());

  static <T> T get(CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aFaultBecomesAnInjectFaultRequest() throws Exception {
    int n = get(control.injectFault(Selector.parse("site=berlin"), FaultType.FAULT_TYPE_LATENCY_SPIKE, Duration.ofSeconds(90), Map.of("latency_ms", 250)));
    assertThat(n).isEqualTo(7);
    InjectFaultRequest r = (InjectFaultRequest) runtime.last.get();
    assertThat(r.getSelector().getLabelSelector()).isEqualTo("site=berlin");
    assertThat(r.getFaultType()).isEqualTo(FaultType.FAULT_TYPE_LATENCY_SPIKE);
    assertThat(r.getDuration().getSeconds()).isEqualTo(90);
    assertThat(r.getParams().getFieldsOrThrow("latency_ms").getNumberValue()).isEqualTo(250.0);
    get(control.injectFault(Selector.all(), FaultType.FAULT_TYPE_DISCONNECT, Duration.ofSeconds(1), Map.of()));
    assertThat(((InjectFaultRequest) runtime.last.get()).getSelector().getAll()).isTrue();
  }

  @Test
  void anUpdateBecomesAnUpdateDeviceBehaviorRequest() throws Exception {
    var generator = io.iotsim.http.json.Json.MAPPER.readTree("{\"type\":\"gaussian\",\"mean\":1,\"stddev\":2}");
    int n =
        get(control.update(
            Selector.ids(List.of("a-000001")),
            new LiveControl.BehaviourUpdate(Optional.of(Duration.ofMillis(1500)), Map.of("t", generator), Map.of("fw", "2"), List.of("old"))));
    assertThat(n).isEqualTo(3);
    UpdateDeviceBehaviorRequest r = (UpdateDeviceBehaviorRequest) runtime.last.get();
    assertThat(r.getSelector().getLabelSelector()).isEqualTo("device_id in (a-000001)");
    assertThat(r.getTelemetryInterval().getNanos()).isEqualTo(500_000_000);
    assertThat(r.getTelemetryFields(0).getGenerator().getFieldsOrThrow("type").getStringValue()).isEqualTo("gaussian");
    assertThat(r.getSetLabelsMap()).containsEntry("fw", "2");
    assertThat(r.getRemoveLabelsList()).containsExactly("old");
  }

  @Test
  void grpcStatusesBecomeHttpStatuses() {
    runtime.failWith = Status.INVALID_ARGUMENT.withDescription("params.latency_ms: must be > 0");
    assertThatThrownBy(() -> get(control.injectFault(Selector.all(), FaultType.FAULT_TYPE_LATENCY_SPIKE, Duration.ofSeconds(1), Map.of())))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(StatusCodes.BAD_REQUEST);
              assertThat(e.toError().field()).isEqualTo("params.latency_ms");
            });
    assertThat(GrpcLiveControl.toHttp(Status.UNIMPLEMENTED).status()).isEqualTo(StatusCodes.NOT_IMPLEMENTED);
    assertThat(GrpcLiveControl.toHttp(Status.RESOURCE_EXHAUSTED).status()).isEqualTo(StatusCodes.TOO_MANY_REQUESTS);
    assertThat(GrpcLiveControl.toHttp(Status.FAILED_PRECONDITION).status()).isEqualTo(StatusCodes.CONFLICT);
    assertThat(GrpcLiveControl.toHttp(Status.DEADLINE_EXCEEDED).status()).isEqualTo(StatusCodes.SERVICE_UNAVAILABLE);
    assertThat(GrpcLiveControl.toHttp(Status.INTERNAL).status()).isEqualTo(StatusCodes.INTERNAL_SERVER_ERROR);
  }

  @Test
  void scenarioJobsAreShownInRestShape() throws Exception {
    var submitted = get(control.submitScenario("steps: []", Optional.of("mine")));
    assertThat(submitted.name()).isEqualTo("mine");
    assertThat(submitted.state()).isEqualTo("running");
    assertThat(submitted.submittedAt()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(submitted.simTime()).isNull();
    assertThat(get(control.scenarios())).hasSize(1);
    assertThat(get(control.scenario("job-1"))).isPresent();
    assertThat(get(control.scenario("job-2"))).isEmpty();
    assertThatThrownBy(() -> get(control.cancelScenario("job-1")))
        .cause()
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(StatusCodes.NOT_IMPLEMENTED));
  }
}
