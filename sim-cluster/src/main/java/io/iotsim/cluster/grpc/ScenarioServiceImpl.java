package io.iotsim.cluster.grpc;

import static io.iotsim.cluster.grpc.GrpcErrors.guard;

import io.iotsim.cluster.scenario.JobState;
import io.iotsim.cluster.scenario.JobStatus;
import io.iotsim.cluster.scenario.ScenarioJobs;
import io.iotsim.core.clock.SimClock;
import io.iotsim.proto.simulator.v1.*;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Scenario jobs over gRPC, mapping proto to the node's {@link ScenarioJobs} (which the REST routes
 * call too): a submitted scenario (YAML text) runs on this node as a job; bad YAML is
 * INVALID_ARGUMENT with every problem's line and reason.
 */
public final class ScenarioServiceImpl implements ScenarioService {

  private final ScenarioJobs jobs;

  public ScenarioServiceImpl(ScenarioJobs jobs) {
    this.jobs = jobs;
  }

  /** null to keep the node's speed. */
  static Double speed(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.equalsIgnoreCase("max")) {
      return SimClock.MAX_SPEED;
    }
    try {
      double d = Double.parseDouble(text);
      if (d > 0 && !Double.isInfinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("speed: must be a number > 0 or max (got '" + text + "')");
  }

  @Override
  public CompletionStage<SubmitScenarioResponse> submitScenario(SubmitScenarioRequest in) {
    return guard(
        () -> {
          Optional<Double> speed = Optional.ofNullable(speed(in.getSpeed()));
          return jobs.submit(in.getSource(), Optional.of(in.getName()), speed)
              .thenApply(status -> SubmitScenarioResponse.newBuilder().setJob(job(status)).build());
        });
  }

  @Override
  public CompletionStage<ListScenariosResponse> listScenarios(ListScenariosRequest in) {
    return guard(
        () -> {
          ListScenariosResponse.Builder b = ListScenariosResponse.newBuilder();
          jobs.list().forEach(s -> b.addJobs(job(s)));
          return CompletableFuture.completedFuture(b.build());
        });
  }

  @Override
  public CompletionStage<GetScenarioResponse> getScenario(GetScenarioRequest in) {
    return guard(
        () ->
            CompletableFuture.completedFuture(
                GetScenarioResponse.newBuilder()
                    .setJob(
                        job(
                            jobs.get(required(in.getScenarioId()))
                                .orElseThrow(() -> notFound(in.getScenarioId()))))
                    .build()));
  }

  @Override
  public CompletionStage<CancelScenarioResponse> cancelScenario(CancelScenarioRequest in) {
    return guard(
        () ->
            jobs.cancel(required(in.getScenarioId()))
                .thenApply(
                    s ->
                        CancelScenarioResponse.newBuilder()
                            .setJob(job(s.orElseThrow(() -> notFound(in.getScenarioId()))))
                            .build()));
  }

  private static String required(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("scenario_id: required");
    }
    return id;
  }

  private static RuntimeException notFound(String id) {
    return GrpcErrors.notFound("scenario_id: no scenario '" + id + "'");
  }

  static ScenarioJob job(JobStatus s) {
    return ScenarioJob.newBuilder()
        .setScenarioId(s.id())
        .setName(s.name())
        .setState(state(s.state()))
        .setStepsTotal(s.stepsTotal())
        .setStepsDone(s.stepsDone())
        .setCurrentStep(s.currentStep())
        .setFailureReason(s.failureReason())
        .setSubmittedAt(ProtoMapping.timestamp(s.submittedAtMillis()))
        .setSimTime(ProtoMapping.timestamp(s.simTimeMillis()))
        .build();
  }

  static ScenarioState state(JobState s) {
    switch (s) {
      case PENDING:
        return ScenarioState.SCENARIO_STATE_PENDING;
      case RUNNING:
        return ScenarioState.SCENARIO_STATE_RUNNING;
      case SUCCEEDED:
        return ScenarioState.SCENARIO_STATE_SUCCEEDED;
      case FAILED:
        return ScenarioState.SCENARIO_STATE_FAILED;
      case CANCELLED:
        return ScenarioState.SCENARIO_STATE_CANCELLED;
      default:
        throw new IllegalArgumentException("state: " + s);
    }
  }
}
