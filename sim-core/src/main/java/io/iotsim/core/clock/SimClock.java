package io.iotsim.core.clock;

import java.time.Instant;

/**
 * Simulated time: {@code simNow = simStart + (wallNow - wallStart) * speed}. At {@link #MAX_SPEED}
 * there is no wall clock at all: simulated time is whatever the tick scheduler has released so far,
 * so a run goes as fast as the CPU allows and still gives the same readings.
 */
public final class SimClock {

  /** The speed that means "as fast as possible". */
  public static final double MAX_SPEED = 0.0;

  private record Base(long simStartMillis, long wallStartNanos, double speed) {}

  private volatile Base base;
  private volatile long releasedMillis;

  private SimClock(long simStartMillis, double speed) {
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed: must be > 0 or max (got " + speed + ")");
    }
    this.base = new Base(simStartMillis, System.nanoTime(), speed);
    this.releasedMillis = simStartMillis;
  }

  /** A clock that starts at {@code simStart} now and runs {@code speed} times the wall clock. */
  public static SimClock startingAt(Instant simStart, double speed) {
    return new SimClock(simStart.toEpochMilli(), speed);
  }

  /** A clock that runs as fast as the scheduler can release ticks. */
  public static SimClock maxSpeed(Instant simStart) {
    return new SimClock(simStart.toEpochMilli(), MAX_SPEED);
  }

  public boolean isMaxSpeed() {
    return base.speed() == MAX_SPEED;
  }

  public double speed() {
    return base.speed();
  }

  public long simStartMillis() {
    return base.simStartMillis();
  }

  /** Current simulated time, epoch milliseconds. */
  public long simNowMillis() {
    Base b = base;
    if (b.speed() == MAX_SPEED) {
      return releasedMillis;
    }
    long elapsedNanos = System.nanoTime() - b.wallStartNanos();
    return b.simStartMillis() + (long) (elapsedNanos * b.speed() / 1_000_000.0);
  }

  public Instant simNow() {
    return Instant.ofEpochMilli(simNowMillis());
  }

  /**
   * The {@link System#nanoTime()} at which {@code simMillis} is (or was) due; meaningless at max
   * speed.
   */
  public long wallNanosAt(long simMillis) {
    Base b = base;
    return b.wallStartNanos() + (long) ((simMillis - b.simStartMillis()) * 1_000_000.0 / b.speed());
  }

  /** Changes speed from now on, keeping simulated time continuous. */
  public synchronized void changeSpeed(double speed) {
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed: must be > 0 or max (got " + speed + ")");
    }
    long now = simNowMillis();
    releasedMillis = now;
    base = new Base(now, System.nanoTime(), speed);
  }

  /**
   * Restarts the clock at {@code simMillis} as of now, keeping the speed: an embedded run sets up
   * its fleet first and then starts time at its exact start, so set-up time never shifts readings.
   */
  public synchronized void restartAt(long simMillis) {
    releasedMillis = simMillis;
    base = new Base(simMillis, System.nanoTime(), base.speed());
  }

  /**
   * The wall-clock instant (epoch milliseconds) at which this clock read {@link #simStartMillis()}:
   * with it, another node's clock can follow this one across JVMs.
   */
  public long wallEpochMillis() {
    Base b = base;
    return System.currentTimeMillis() - (System.nanoTime() - b.wallStartNanos()) / 1_000_000L;
  }

  /**
   * Follows a clock started elsewhere: {@code simStartMillis} was simulated time at the wall-clock
   * instant {@code wallEpochMillis}, running {@code speed} times the wall clock from there. Nodes
   * that follow the same epoch read the same simulated time, within their wall clocks' agreement.
   */
  public synchronized void follow(long simStartMillis, long wallEpochMillis, double speed) {
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed: must be > 0 or max (got " + speed + ")");
    }
    long sinceEpochNanos = (System.currentTimeMillis() - wallEpochMillis) * 1_000_000L;
    base = new Base(simStartMillis, System.nanoTime() - sinceEpochNanos, speed);
    if (speed == MAX_SPEED) {
      // at max speed simulated time is what has been released: it restarts where the epoch says
      releasedMillis = simStartMillis;
    }
  }

  /** Called by the scheduler: simulated time has been released up to {@code simMillis}. */
  public void released(long simMillis) {
    if (simMillis > releasedMillis) {
      releasedMillis = simMillis;
    }
  }

  public long releasedMillis() {
    return releasedMillis;
  }
}
