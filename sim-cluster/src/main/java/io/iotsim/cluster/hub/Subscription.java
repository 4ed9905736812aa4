package io.iotsim.cluster.hub;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/** One stream subscriber of a hub: its filter, its own bounded queue, and what it lost. */
final class Subscription<T> {

  private final Predicate<T> filter;
  private final BoundedSourceQueue<T> queue;
  private final LongAdder lost;
  private final LongAdder hubDropped;

  Subscription(
      Predicate<T> filter, BoundedSourceQueue<T> queue, LongAdder lost, LongAdder hubDropped) {
    this.filter = filter;
    this.queue = queue;
    this.lost = lost;
    this.hubDropped = hubDropped;
  }

  void offer(T item) {
    if (filter.test(item) && queue.offer(item) != QueueOfferResult.enqueued()) {
      lost.increment();
      hubDropped.increment();
    }
  }
}
