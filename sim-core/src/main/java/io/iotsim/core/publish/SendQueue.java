package io.iotsim.core.publish;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An adapter's bounded send queue: never blocks a device; when full, the oldest queued reading
 * makes room and is counted as dropped (the freshest readings matter most to a consumer).
 */
public final class SendQueue {

  private final ArrayBlockingQueue<QueuedReading> queue;
  private final int capacity;
  private final PublisherStats stats;
  private final java.util.concurrent.ConcurrentLinkedQueue<QueuedReading> overflow =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger overflowSize =
      new java.util.concurrent.atomic.AtomicInteger();

  public SendQueue(int capacity, PublisherStats stats) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.stats = stats;
  }

  /** Adds {@code reading}, dropping (and counting) the oldest queued ones until it fits. */
  public void offer(QueuedReading reading) {
    offer(reading, false);
  }

  /**
   * Adds {@code reading}; when full and {@code hold}, it goes to the overflow (speed max, where the
   * scheduler bounds what is queued) instead of making room by dropping.
   */
  public void offer(QueuedReading reading, boolean hold) {
    // While readings wait in the overflow, newer ones queue behind them: the queue is read first,
    // so a reading put there now would overtake older readings of the same device.
    if (hold) {
      if (!overflow.isEmpty() || !queue.offer(reading)) {
        overflowSize.incrementAndGet();
        overflow.add(reading);
      }
      return;
    }
    while (!queue.offer(reading)) {
      if (queue.poll() != null) {
        stats.dropped();
      }
    }
  }

  public QueuedReading poll() {
    QueuedReading next = queue.poll();
    return next != null ? next : pollOverflow();
  }

  public QueuedReading poll(long timeout, TimeUnit unit) throws InterruptedException {
    QueuedReading next = overflow.isEmpty() ? null : poll();
    return next != null ? next : queue.poll(timeout, unit);
  }

  public int drainTo(Collection<? super QueuedReading> into, int max) {
    int n = queue.drainTo(into, max);
    for (QueuedReading r; n < max && (r = pollOverflow()) != null; n++) {
      into.add(r);
    }
    return n;
  }

  private QueuedReading pollOverflow() {
    QueuedReading r = overflow.poll();
    if (r != null) {
      overflowSize.decrementAndGet();
    }
    return r;
  }

  public int size() {
    return queue.size() + overflowSize.get();
  }

  public boolean isEmpty() {
    return queue.isEmpty() && overflow.isEmpty();
  }

  /** How full the adapter is, counting {@code alsoWaiting} readings held elsewhere (resends). */
  public double fill(int alsoWaiting) {
    return Math.min(1.0, (double) (size() + alsoWaiting) / capacity);
  }

  /** How many more readings fit before the bound, counting {@code alsoWaiting} held elsewhere. */
  public long room(int alsoWaiting) {
    return Math.max(0, capacity - (long) size() - alsoWaiting);
  }

  /** What is still queued at close will never go: counted as lost at shutdown. */
  public void dropRemaining() {
    while (poll() != null) {
      stats.dropped(PublisherStats.DropReason.SHUTDOWN);
    }
  }
}
