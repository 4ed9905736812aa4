package io.iotsim.core.publish.mqtt;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces the opening of per-device connections to at most {@code rate} per second: a spawn of
 * 100,000 devices must not open 100,000 sockets in the same instant (brokers refuse or stall such a
 * stampede). Never blocks the caller: a connect that is not due yet is scheduled.
 */
final class ConnectPacer {

  private final long spacingNanos;
  private final ScheduledExecutorService timer;
  private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

  ConnectPacer(int rate, ScheduledExecutorService timer) {
    this.spacingNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    this.timer = timer;
  }

  void submit(Runnable connect) {
    long now = System.nanoTime();
    long slot = nextSlot.getAndUpdate(n -> Math.max(n, now) + spacingNanos);
    long wait = slot - now;
    if (wait <= 0) {
      connect.run();
    } else {
      timer.schedule(connect, wait, TimeUnit.NANOSECONDS);
    }
  }
}
