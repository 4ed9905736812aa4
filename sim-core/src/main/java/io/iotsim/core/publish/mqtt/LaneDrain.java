package io.iotsim.core.publish.mqtt;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The end of a publisher: let queued messages out for a while, then disconnect every lane. */
final class LaneDrain {

  private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(2);

  private LaneDrain() {}

  /** Blocks the closing thread (never a device's) until all lanes are idle or the time is up. */
  static void drainAndClose(Collection<SendLane> lanes, Duration drainTimeout) {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (System.nanoTime() < deadline
        && lanes.stream().anyMatch(lane -> lane.isConnected() && !lane.isIdle())) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    CompletableFuture<?>[] disconnects =
        lanes.stream()
            .map(lane -> lane.close().disconnect().exceptionally(e -> null))
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(disconnects).get(DISCONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // links that do not answer in time are dropped with the event loop
    }
  }
}
