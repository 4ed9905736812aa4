package io.iotsim.cluster.grpc;

import static io.iotsim.cluster.grpc.GrpcErrors.guard;

import io.iotsim.cluster.scenario.JobStatus;
import io.iotsim.cluster.scenario.ScenarioJobs;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.ScenarioParser;
import io.iotsim.core.scenario.ScenarioScript;
import io.iotsim.proto.simulator.v1.*;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Scenario jobs over gRPC: a submitted scenario (YAML text) runs on this node as a job; bad YAML
 * is INVALID_ARGUMENT with every problem's line and reason. Profiles named by a scenario are
 * found relative to the node's working directory.
 */
public final class ScenarioServiceImpl implements ScenarioService {

  private final ScenarioJobs jobs;
  private final io.iotsim.core.clock.SimClock clock;

  public ScenarioServiceImpl(ScenarioJobs jobs, io.iotsim.core.clock.SimClock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /** null to keep the node's speed. */
  static Double speed(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.equalsIgnoreCase("max")) {
      return io.iotsim.core.clock.SimClock.MAX_SPEED;
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
          if (in.getSource().isBlank()) {
            throw new IllegalArgumentException("source: required (the scenario's YAML text)");
          }
          String source = in.getName().isEmpty() ? "scenario" : in.getName();
          ScenarioScript script =
              ScenarioParser.parse(in.getSource(), source, in.getName().isEmpty() ? "scenario" : in.getName(), ProfileResolver.near(null));
          Double speed = speed(in.getSpeed());
          JobStatus status = jobs.submit(script, ProfileResolver.near(null), null, false);
          if (speed != null) {
            clock.changeSpeed(speed);
          }
          return CompletableFuture.completedFuture(SubmitScenarioResponse.newBuilder().setJob(job(status)).build());
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
                    .setJob(job(jobs.get(required(in.getScenarioId())).orElseThrow(() -> notFound(in.getScenarioId()))))
                    .build()));
  }

  @Override
  public CompletionStage<CancelScenarioResponse> cancelScenario(CancelScenarioRequest in) {
    return guard(
        () ->
            CompletableFuture.supplyAsync(
                () ->
                    CancelScenarioResponse.newBuilder()
                        .setJob(job(jobs.cancel(required(in.getScenarioId())).orElseThrow(() -> notFound(in.getScenarioId()))))
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
        .setState(s.state())
        .setStepsTotal(s.stepsTotal())
        .setStepsDone(s.stepsDone())
        .setCurrentStep(s.currentStep())
        .setFailureReason(s.failureReason())
        .setSubmittedAt(ProtoMapping.timestamp(s.submittedAtMillis()))
        .setSimTime(ProtoMapping.timestamp(s.simTimeMillis()))
        .build();
  }
}
