package io.iotsim.core.schedule;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A span of simulated time {@code [startMillis, endMillis)} released to the devices that have a
 * reading due in it. One object per window, shared by every device told about it; each device calls
 * {@link #arrive()} once it has handled the window, so the scheduler knows when all readings before
 * {@code endMillis} have been handed to the publishers (the watermark).
 */
public final class TickWindow {

  private final long sequence;
  private final long startMillis;
  private final long endMillis;
  private final AtomicInteger pending;
  private final Runnable onComplete;

  /**
   * @param devices how many devices are told about it; {@code onComplete} runs once all arrived
   */
  public TickWindow(
      long sequence, long startMillis, long endMillis, int devices, Runnable onComplete) {
    this.sequence = sequence;
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.pending = new AtomicInteger(devices);
    this.onComplete = onComplete;
  }

  public long sequence() {
    return sequence;
  }

  public long startMillis() {
    return startMillis;
  }

  /** Readings due strictly before this simulated time belong to this window. */
  public long endMillis() {
    return endMillis;
  }

  /** A device has handled this window. Call exactly once per device told. */
  public void arrive() {
    if (pending.decrementAndGet() == 0) {
      onComplete.run();
    }
  }

  boolean isComplete() {
    return pending.get() <= 0;
  }

  @Override
  public String toString() {
    return "TickWindow#"
        + sequence
        + "["
        + startMillis
        + ", "
        + endMillis
        + ") pending="
        + pending.get();
  }
}
