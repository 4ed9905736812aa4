package io.iotsim.core.publish;

import java.util.Queue;

/** The drop-oldest policy of the adapters' bounded send queues. */
public final class DropOldest {

  private DropOldest() {}

  /** Adds {@code item}, dropping (and counting) the oldest queued items until it fits. Never blocks. */
  public static <T> void offer(Queue<T> queue, T item, PublisherStats stats) {
    while (!queue.offer(item)) {
      if (queue.poll() != null) {
        stats.dropped();
      }
    }
  }
}
