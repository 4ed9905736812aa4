package io.iotsim.cluster.time;

import io.iotsim.core.clock.SimClock;
import io.iotsim.core.schedule.TickScheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Simulated time of one node alone: its scheduler's barriers and watermark. */
public final class LocalTimeline implements Timeline {

  private final TickScheduler<?> scheduler;
  private final SimClock clock;

  public LocalTimeline(TickScheduler<?> scheduler, SimClock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  static Hold wrap(TickScheduler.Barrier barrier) {
    return new Hold() {
      @Override
      public long atMillis() {
        return barrier.atMillis();
      }

      @Override
      public void release() {
        barrier.release();
      }
    };
  }

  @Override
  public CompletionStage<Hold> holdAt(long simMillis) {
    return CompletableFuture.completedFuture(wrap(scheduler.holdAt(simMillis)));
  }

  @Override
  public CompletionStage<Long> whenWatermarkReaches(long simMillis) {
    return scheduler.whenWatermarkReaches(simMillis);
  }

  @Override
  public CompletionStage<Long> afterPendingCommands() {
    return scheduler.afterPendingCommands();
  }

  @Override
  public CompletionStage<ClockEpoch> changeSpeed(double speed) {
    clock.changeSpeed(speed);
    return CompletableFuture.completedFuture(
        new ClockEpoch(clock.simNowMillis(), System.currentTimeMillis(), speed, 0, 0));
  }
}
