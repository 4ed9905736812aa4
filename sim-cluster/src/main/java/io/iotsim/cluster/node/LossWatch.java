package io.iotsim.cluster.node;

import io.iotsim.cluster.hub.EventHub;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.PublisherStats.DropReason;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns publisher drops into {@code publish_loss} events: once a second at most per publisher, with
 * what was lost since the last one by reason, so a loss is seen on the event stream without an
 * event per reading.
 */
final class LossWatch {

  private final PublisherRegistry publishers;
  private final EventHub events;
  private final SimClock clock;
  private final Map<Publisher, PublisherStats.Snapshot> last = new IdentityHashMap<>();

  LossWatch(PublisherRegistry publishers, EventHub events, SimClock clock) {
    this.publishers = publishers;
    this.events = events;
    this.clock = clock;
  }

  /** Called once a second, on one thread. */
  synchronized void check() {
    for (Publisher p : publishers.all()) {
      PublisherStats.Snapshot now = p.stats().snapshot();
      PublisherStats.Snapshot before = last.put(p, now);
      long lost = now.lost() - (before == null ? 0 : before.lost());
      if (lost <= 0) {
        continue;
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put("protocol", now.protocol());
      metadata.put("lost", Long.toString(lost));
      for (DropReason r : DropReason.values()) {
        long n = now.dropped(r) - (before == null ? 0 : before.dropped(r));
        metadata.put(r.label(), Long.toString(n));
      }
      metadata.put("lost_total", Long.toString(now.lost()));
      events.publish(
          new LifecycleEvent(
              "",
              "",
              EventType.PUBLISH_LOSS,
              now.protocol() + ": " + lost + " readings dropped since the last report",
              clock.simNowMillis(),
              metadata));
    }
  }
}
