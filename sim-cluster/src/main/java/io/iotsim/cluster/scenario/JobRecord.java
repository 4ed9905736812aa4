package io.iotsim.cluster.scenario;

import io.iotsim.core.CborSerializable;

/**
 * A scenario job as every node sees it: its status, the node (address) that runs it, and when (wall
 * clock, epoch millis) it finished; {@code finishedAtMillis} is 0 while it has not.
 */
record JobRecord(JobStatus status, String node, long finishedAtMillis) implements CborSerializable {

  /**
   * When it finished, for {@link JobRetention}; a record without the time counts from its submit.
   */
  long finishedAt() {
    return finishedAtMillis > 0 ? finishedAtMillis : status.submittedAtMillis();
  }
}
