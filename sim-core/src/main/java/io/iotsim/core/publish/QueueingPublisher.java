package io.iotsim.core.publish;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What every adapter with a send queue does the same way: copy the reading out of the device's
 * buffer, refuse (and count) readings once closing, and on close wait a bounded time for what is
 * queued to go out. The adapter decides how it queues and sends.
 */
public abstract class QueueingPublisher implements Publisher {

  protected final PublisherStats stats;
  private final String protocol;
  private volatile boolean closing;
  private volatile BooleanSupplier holdWhenFull = () -> false;
  private volatile HandOverObserver observer;

  protected QueueingPublisher(String protocol) {
    this.protocol = protocol;
    this.stats = new PublisherStats(protocol);
  }

  @Override
  public final String protocol() {
    return protocol;
  }

  @Override
  public final PublisherStats stats() {
    return stats;
  }

  @Override
  public final boolean publish(EncodedReading reading) {
    stats.handedOver();
    if (closing) {
      stats.dropped(PublisherStats.DropReason.SHUTDOWN);
      return false;
    }
    if (reading.qos() < 0 || reading.qos() > 2) {
      stats.dropped(PublisherStats.DropReason.ERROR);
      return false;
    }
    QueuedReading queued = QueuedReading.of(reading);
    HandOverObserver o = observer;
    if (o != null) {
      o.handedOver(queued);
    }
    return enqueue(queued);
  }

  @Override
  public final void holdWhenFull(BooleanSupplier when) {
    this.holdWhenFull = when;
  }

  @Override
  public final void observe(HandOverObserver observer) {
    this.observer = observer;
  }

  /** Whether a full queue must take the reading anyway (speed max: the scheduler bounds it). */
  protected final boolean holdWhenFull() {
    return holdWhenFull.getAsBoolean();
  }

  /** Queues a copied reading without blocking; false when it was dropped (and counted). */
  protected abstract boolean enqueue(QueuedReading reading);

  protected final boolean closing() {
    return closing;
  }

  /**
   * Takes no more readings, then waits until {@code drained} holds or {@code timeout} passed.
   *
   * @return whether everything went out in time
   */
  protected final boolean stopTakingAndDrain(Duration timeout, BooleanSupplier drained) {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !drained.getAsBoolean()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return drained.getAsBoolean();
  }

  /** Takes no more readings; for adapters that drain by other means. */
  protected final void stopTaking() {
    closing = true;
  }
}
