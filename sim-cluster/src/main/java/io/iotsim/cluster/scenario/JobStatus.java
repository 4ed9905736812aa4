package io.iotsim.cluster.scenario;

import io.iotsim.proto.simulator.v1.ScenarioState;

/** A scenario job as clients see it; an immutable snapshot, replaced as the job moves on. */
public record JobStatus(
    String id,
    String name,
    ScenarioState state,
    int stepsTotal,
    int stepsDone,
    String currentStep,
    String failureReason,
    long submittedAtMillis,
    long simTimeMillis) {

  public boolean finished() {
    return state == ScenarioState.SCENARIO_STATE_SUCCEEDED
        || state == ScenarioState.SCENARIO_STATE_FAILED
        || state == ScenarioState.SCENARIO_STATE_CANCELLED;
  }

  JobStatus with(ScenarioState s, int done, String current, String reason, long simTime) {
    return new JobStatus(id, name, s, Math.max(stepsTotal, done), done, current, reason, submittedAtMillis, simTime);
  }
}
