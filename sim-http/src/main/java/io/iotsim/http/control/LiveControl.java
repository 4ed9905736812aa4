package io.iotsim.http.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.Views;
import io.iotsim.proto.simulator.v1.FaultType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Faults, live behaviour updates and scenario jobs, as the REST routes need them. The routes parse
 * and validate requests into these calls; {@link GrpcLiveControl} carries them out through the
 * node's simulator.v1 services (501 while those answer UNIMPLEMENTED).
 */
public interface LiveControl {

  /** Injects a fault into the selected devices; completes with how many were affected. */
  CompletionStage<Integer> injectFault(Selector selector, FaultType type, Duration duration, Map<String, Object> params);

  /** Changes the selected devices' behaviour; completes with how many were updated. */
  CompletionStage<Integer> update(Selector selector, BehaviourUpdate update);

  CompletionStage<Views.ScenarioJob> submitScenario(String yaml, Optional<String> name);

  CompletionStage<List<Views.ScenarioJob>> scenarios();

  /** Empty when no job has that id. */
  CompletionStage<Optional<Views.ScenarioJob>> scenario(String id);

  /** The cancelled job; empty when no job has that id. */
  CompletionStage<Optional<Views.ScenarioJob>> cancelScenario(String id);

  /**
   * @param telemetryInterval unchanged when empty
   * @param telemetryFields generators replaced by field name, each a profile's generator tree
   */
  record BehaviourUpdate(
      Optional<Duration> telemetryInterval,
      Map<String, JsonNode> telemetryFields,
      Map<String, String> setLabels,
      List<String> removeLabels) {}
}
