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

  public ScenarioServiceImpl(ScenarioJobs jobs) {
    this.jobs = jobs;
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
          JobStatus status = jobs.submit(script, ProfileResolver.near(null), null, false);
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
