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

  public SendQueue(int capacity, PublisherStats stats) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.stats = stats;
  }

  /** Adds {@code reading}, dropping (and counting) the oldest queued ones until it fits. */
  public void offer(QueuedReading reading) {
    while (!queue.offer(reading)) {
      if (queue.poll() != null) {
        stats.dropped();
      }
    }
  }

  public QueuedReading poll() {
    return queue.poll();
  }

  public QueuedReading poll(long timeout, TimeUnit unit) throws InterruptedException {
    return queue.poll(timeout, unit);
  }

  public int drainTo(Collection<? super QueuedReading> into, int max) {
    return queue.drainTo(into, max);
  }

  public int size() {
    return queue.size();
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** How full the adapter is, counting {@code alsoWaiting} readings held elsewhere (resends). */
  public double fill(int alsoWaiting) {
    return Math.min(1.0, (double) (queue.size() + alsoWaiting) / capacity);
  }

  /** What is still queued at close will never go: counted as dropped. */
  public void dropRemaining() {
    while (queue.poll() != null) {
      stats.dropped();
    }
  }
}
