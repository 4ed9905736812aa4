package io.iotsim.cluster.grpc;

import io.iotsim.proto.simulator.v1.*;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Scenario jobs: their runner arrives with simulated time and scenarios (issue 4). */
public final class ScenarioServiceImpl implements ScenarioService {

  private static <T> CompletionStage<T> notYet() {
    return CompletableFuture.failedFuture(
        GrpcErrors.unimplemented("scenario jobs arrive with simulated time and scenarios (issue 4)"));
  }

  @Override
  public CompletionStage<SubmitScenarioResponse> submitScenario(SubmitScenarioRequest in) {
    return notYet();
  }

  @Override
  public CompletionStage<ListScenariosResponse> listScenarios(ListScenariosRequest in) {
    return notYet();
  }

  @Override
  public CompletionStage<GetScenarioResponse> getScenario(GetScenarioRequest in) {
    return notYet();
  }

  @Override
  public CompletionStage<CancelScenarioResponse> cancelScenario(CancelScenarioRequest in) {
    return notYet();
  }
}
