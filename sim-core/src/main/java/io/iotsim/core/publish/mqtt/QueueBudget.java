package io.iotsim.core.publish.mqtt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one bound on all of a publisher's send queues. Connections queue separately (a connection
 * that is down must not hold up the others), but memory is bounded once, for the publisher: the
 * queue-size setting is a total, whether there are 10 pooled connections or 10,000 devices.
 */
final class QueueBudget {

  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  QueueBudget(long capacity) {
    this.capacity = capacity;
  }

  boolean tryAcquire() {
    while (true) {
      long now = used.get();
      if (now >= capacity) {
        return false;
      }
      if (used.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /**
   * Takes a slot even past the capacity: for messages that were already in flight when their
   * connection dropped. They are at most max-inflight per connection, so the bound stays finite.
   */
  void forceAcquire() {
    used.incrementAndGet();
  }

  void release() {
    used.decrementAndGet();
  }

  long used() {
    return used.get();
  }

  long room() {
    return Math.max(0, capacity - used.get());
  }

  double fill() {
    return Math.min(1.0, (double) used.get() / capacity);
  }
}
