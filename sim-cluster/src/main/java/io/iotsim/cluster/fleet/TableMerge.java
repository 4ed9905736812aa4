package io.iotsim.cluster.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Merges the nodes' table rows, each node's already in the table's order, into one page: a k-way
 * merge in that order, and the page cut from it after the offset. The offset is applied after the
 * merge, so a page is exact however the devices are spread. Each node sends at most its first
 * {@code offset + limit} rows (no later row of its can be on the page), as a stream with
 * back-pressure; the merge reads every stream to its end rather than cancelling it mid-way, so no
 * node's rows are dropped in flight.
 */
final class TableMerge {

  private TableMerge() {}

  static CompletionStage<List<DeviceRow>> page(
      List<Source<DeviceRow, NotUsed>> sortedByNode,
      Comparator<DeviceRow> order,
      long offset,
      int limit,
      ActorSystem<?> system) {
    Source<DeviceRow, NotUsed> merged = Source.empty();
    for (Source<DeviceRow, NotUsed> s : sortedByNode) {
      merged = merged.mergeSorted(s, order);
    }
    return merged
        .runWith(Sink.fold(new Window(offset, limit), Window::add), system)
        .thenApply(w -> w.rows);
  }

  /** The rows at merged positions {@code [offset, offset + limit)}; the others only counted. */
  private static final class Window {
    private final long offset;
    private final int limit;
    private final List<DeviceRow> rows = new ArrayList<>();
    private long seen;

    Window(long offset, int limit) {
      this.offset = offset;
      this.limit = limit;
    }

    Window add(DeviceRow r) {
      if (seen >= offset && rows.size() < limit) {
        rows.add(r);
      }
      seen++;
      return this;
    }
  }
}
