package io.iotsim.cluster.scenario;

/** A scenario job as clients see it; an immutable snapshot, replaced as the job moves on. */
public record JobStatus(
    String id,
    String name,
    JobState state,
    int stepsTotal,
    int stepsDone,
    String currentStep,
    String failureReason,
    long submittedAtMillis,
    long simTimeMillis) {

  public boolean finished() {
    return state.finished();
  }

  JobStatus with(JobState s, int done, String current, String reason, long simTime) {
    return new JobStatus(
        id, name, s, Math.max(stepsTotal, done), done, current, reason, submittedAtMillis, simTime);
  }
}
