package io.iotsim.http.control;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.Views;
import io.iotsim.http.json.Json;
import io.iotsim.http.json.Messages;
import io.iotsim.http.json.Timestamps;
import io.iotsim.proto.simulator.v1.CancelScenarioRequest;
import io.iotsim.proto.simulator.v1.DeviceRuntimeService;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import io.iotsim.proto.simulator.v1.FaultType;
import io.iotsim.proto.simulator.v1.GetScenarioRequest;
import io.iotsim.proto.simulator.v1.InjectFaultRequest;
import io.iotsim.proto.simulator.v1.ListScenariosRequest;
import io.iotsim.proto.simulator.v1.ScenarioJob;
import io.iotsim.proto.simulator.v1.ScenarioService;
import io.iotsim.proto.simulator.v1.SubmitScenarioRequest;
import io.iotsim.proto.simulator.v1.TelemetryField;
import io.iotsim.proto.simulator.v1.UpdateDeviceBehaviorRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Faults, updates and scenario jobs through the node's own simulator.v1 service implementations,
 * in process: REST does exactly what gRPC does, with one mapping from the contract to the fleet.
 * While a gRPC method answers UNIMPLEMENTED, its REST endpoint answers 501; once it is
 * implemented, the endpoint works with no change here.
 */
public final class GrpcLiveControl implements LiveControl {

  private final DeviceRuntimeService runtime;
  private final ScenarioService scenarios;

  public GrpcLiveControl(DeviceRuntimeService runtime, ScenarioService scenarios) {
    this.runtime = runtime;
    this.scenarios = scenarios;
  }

  @Override
  public CompletionStage<Integer> injectFault(Selector selector, FaultType type, Duration duration, Map<String, Object> params) {
    InjectFaultRequest request =
        InjectFaultRequest.newBuilder()
            .setSelector(selector(selector))
            .setFaultType(type)
            .setDuration(duration(duration))
            .setParams(struct(params, "params"))
            .build();
    return http(runtime.injectFault(request)).thenApply(r -> r.getAffectedDevices());
  }

  @Override
  public CompletionStage<Integer> update(Selector selector, BehaviourUpdate update) {
    UpdateDeviceBehaviorRequest.Builder b =
        UpdateDeviceBehaviorRequest.newBuilder()
            .setSelector(selector(selector))
            .putAllSetLabels(update.setLabels())
            .addAllRemoveLabels(update.removeLabels());
    update.telemetryInterval().ifPresent(d -> b.setTelemetryInterval(duration(d)));
    update.telemetryFields()
        .forEach(
            (name, generator) ->
                b.addTelemetryFields(
                    TelemetryField.newBuilder().setName(name).setGenerator(struct(generator, "telemetry_fields." + name))));
    return http(runtime.updateDeviceBehavior(b.build())).thenApply(r -> r.getUpdated());
  }

  @Override
  public CompletionStage<Views.ScenarioJob> submitScenario(String yaml, Optional<String> name) {
    SubmitScenarioRequest.Builder b = SubmitScenarioRequest.newBuilder().setSource(yaml);
    name.ifPresent(b::setName);
    return http(scenarios.submitScenario(b.build())).thenApply(r -> view(r.getJob()));
  }

  @Override
  public CompletionStage<List<Views.ScenarioJob>> scenarios() {
    return http(scenarios.listScenarios(ListScenariosRequest.getDefaultInstance()))
        .thenApply(r -> r.getJobsList().stream().map(GrpcLiveControl::view).toList());
  }

  @Override
  public CompletionStage<Optional<Views.ScenarioJob>> scenario(String id) {
    return orEmpty(http(scenarios.getScenario(GetScenarioRequest.newBuilder().setScenarioId(id).build())).thenApply(r -> view(r.getJob())));
  }

  @Override
  public CompletionStage<Optional<Views.ScenarioJob>> cancelScenario(String id) {
    return orEmpty(
        http(scenarios.cancelScenario(CancelScenarioRequest.newBuilder().setScenarioId(id).build())).thenApply(r -> view(r.getJob())));
  }

  /** The proto's ScenarioJob as REST shows it: lower-case state, ISO-8601 times. */
  static Views.ScenarioJob view(ScenarioJob j) {
    return new Views.ScenarioJob(
        j.getScenarioId(),
        j.getName(),
        j.getState().name().substring("SCENARIO_STATE_".length()).toLowerCase(Locale.ROOT),
        j.getStepsTotal(),
        j.getStepsDone(),
        j.getCurrentStep(),
        j.getFailureReason().isEmpty() ? null : j.getFailureReason(),
        j.hasSubmittedAt() ? iso(j.getSubmittedAt()) : null,
        j.hasSimTime() ? iso(j.getSimTime()) : null);
  }

  private static String iso(Timestamp t) {
    return Timestamps.iso(t.getSeconds() * 1000 + t.getNanos() / 1_000_000);
  }

  /** Every device is {@code all}; anything else its canonical expression (ids included). */
  static DeviceSelector selector(Selector s) {
    return s.isAll() ? DeviceSelector.newBuilder().setAll(true).build() : DeviceSelector.newBuilder().setLabelSelector(s.toString()).build();
  }

  private static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  private static Struct struct(Object value, String field) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(Json.write(value), b);
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest(field, "must be a JSON object");
    }
    return b.build();
  }

  /** NOT_FOUND from the service is an empty answer (the route says 404 with the id). */
  private static <T> CompletionStage<Optional<T>> orEmpty(CompletionStage<T> stage) {
    return stage.handle(
        (value, error) -> {
          if (error == null) {
            return Optional.of(value);
          }
          Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (e instanceof ApiException a && a.status().equals(StatusCodes.NOT_FOUND)) {
            return Optional.empty();
          }
          throw e instanceof RuntimeException r ? r : new CompletionException(e);
        });
  }

  /** gRPC statuses as HTTP errors, the inverse of the service's own mapping. */
  private static <T> CompletionStage<T> http(CompletionStage<T> call) {
    return call.handle(
        (value, error) -> {
          if (error == null) {
            return value;
          }
          Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (e instanceof GrpcServiceException g) {
            throw toHttp(g.getStatus());
          }
          throw e instanceof RuntimeException r ? r : new CompletionException(e);
        });
  }

  static ApiException toHttp(Status status) {
    String message = status.getDescription() == null ? status.getCode().name() : status.getDescription();
    return new ApiException(httpStatus(status.getCode()), Messages.fieldOf(message), message);
  }

  private static StatusCode httpStatus(Status.Code code) {
    switch (code) {
      case INVALID_ARGUMENT:
      case OUT_OF_RANGE:
        return StatusCodes.BAD_REQUEST;
      case NOT_FOUND:
        return StatusCodes.NOT_FOUND;
      case ALREADY_EXISTS:
      case FAILED_PRECONDITION:
      case ABORTED:
        return StatusCodes.CONFLICT;
      case RESOURCE_EXHAUSTED:
        return StatusCodes.TOO_MANY_REQUESTS;
      case UNIMPLEMENTED:
        return StatusCodes.NOT_IMPLEMENTED;
      case UNAVAILABLE:
      case DEADLINE_EXCEEDED:
        return StatusCodes.SERVICE_UNAVAILABLE;
      default:
        return StatusCodes.INTERNAL_SERVER_ERROR;
    }
  }
}
