package io.iotsim.cli;

import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.PublisherStats.DropReason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The run summary's delivery lines, one per protocol: where every generated reading went. The
 * figures balance: generated = published + dropped (by reason) + in flight. Printed after the node
 * closed, so connection counts (then all closed) are left to the runtime status and metrics.
 */
final class DeliverySummary {

  private final List<PublisherStats.Snapshot> protocols = new ArrayList<>();

  DeliverySummary(Iterable<Publisher> publishers) {
    for (Publisher p : publishers) {
      protocols.add(p.stats().snapshot());
    }
  }

  /** Readings lost for any reason, over all protocols. */
  long lost() {
    return protocols.stream().mapToLong(PublisherStats.Snapshot::lost).sum();
  }

  void print(PrintStream out) {
    for (PublisherStats.Snapshot s : protocols) {
      StringBuilder reasons = new StringBuilder();
      for (DropReason r : DropReason.values()) {
        if (reasons.length() > 0) {
          reasons.append(", ");
        }
        reasons.append(r.label()).append(' ').append(String.format("%,d", s.dropped(r)));
      }
      out.printf(
          "%s: generated %,d = published %,d + dropped %,d (%s) + in flight %,d; acknowledged %,d%n",
          s.protocol(),
          s.generated(),
          s.sentOk(),
          s.lost(),
          reasons,
          s.inFlight(),
          s.acknowledged());
    }
  }
}
