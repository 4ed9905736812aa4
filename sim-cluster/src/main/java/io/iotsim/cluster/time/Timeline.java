package io.iotsim.cluster.time;

import java.util.concurrent.CompletionStage;

/**
 * Simulated time as a scenario job sees it: holds on simulated time (barriers) and watermarks, on
 * this node alone ({@link LocalTimeline}) or on every node of the cluster ({@link
 * ClusterTimeline}). A scenario step at {@code T} holds every node at {@code T}, waits for every
 * node's watermark to reach {@code T}, is applied, and only then lets time pass.
 */
public interface Timeline {

  /** A hold on simulated time at {@link #atMillis()} on every node it covers. */
  interface Hold {
    long atMillis();

    /** Lets simulated time pass {@link #atMillis()} everywhere. Idempotent. */
    void release();
  }

  /**
   * Holds simulated time at {@code simMillis}. This node is held before the call returns; the stage
   * completes once every other node holds it too (or fails naming a node that did not answer, with
   * every hold already made released).
   */
  CompletionStage<Hold> holdAt(long simMillis);

  /** Completes when every node's watermark has reached {@code simMillis}. */
  CompletionStage<Long> whenWatermarkReaches(long simMillis);

  /** Completes once this node's scheduler has taken in what was sent to it before the call. */
  CompletionStage<Long> afterPendingCommands();

  /** Changes the speed of simulated time from now on, on every node. */
  CompletionStage<ClockEpoch> changeSpeed(double speed);
}
