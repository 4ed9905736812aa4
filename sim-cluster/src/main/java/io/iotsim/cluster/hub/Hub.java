package io.iotsim.cluster.hub;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Fans items out to stream subscribers, each with its own bounded queue: a slow subscriber loses
 * items (counted per subscriber and in total) and never slows the producers or the other
 * subscribers, and memory stays bounded by the queues. Producers pay one volatile read when nobody
 * listens.
 */
public class Hub<T> {

  /**
   * A subscriber's stream and what it has lost.
   *
   * @param takeDropped items lost since the previous call (for the "dropped" field of a batch)
   */
  public record Feed<T>(Source<T, NotUsed> source, LongSupplier takeDropped) {}

  private final CopyOnWriteArrayList<Subscription<T>> subscriptions = new CopyOnWriteArrayList<>();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean active;

  /** Offers to every matching subscriber; never blocks. */
  public void publish(T item) {
    for (Subscription<T> s : subscriptions) {
      s.offer(item);
    }
  }

  public boolean hasSubscribers() {
    return active;
  }

  public int subscribers() {
    return subscriptions.size();
  }

  /** Items lost by slow subscribers since start. */
  public long droppedTotal() {
    return dropped.sum();
  }

  /** A stream of the items {@code filter} accepts, buffered up to {@code buffer} items. */
  public Feed<T> subscribe(Predicate<T> filter, int buffer) {
    LongAdder lost = new LongAdder();
    Source<T, NotUsed> source =
        Source.<T>queue(buffer)
            .mapMaterializedValue(
                queue -> {
                  Subscription<T> s = new Subscription<>(filter, queue, lost, dropped);
                  subscriptions.add(s);
                  active = true;
                  return s;
                })
            .watchTermination(
                (s, done) -> {
                  done.whenComplete(
                      (d, e) -> {
                        subscriptions.remove(s);
                        active = !subscriptions.isEmpty();
                      });
                  return NotUsed.getInstance();
                });
    return new Feed<>(source, lost::sumThenReset);
  }
}
