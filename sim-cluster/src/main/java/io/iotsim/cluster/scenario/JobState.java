package io.iotsim.cluster.scenario;

/** Where a scenario job is in its life; the gRPC service maps it to {@code ScenarioState}. */
public enum JobState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
