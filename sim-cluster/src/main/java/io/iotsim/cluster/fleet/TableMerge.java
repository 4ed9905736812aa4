package io.iotsim.cluster.fleet;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Merges the nodes' table rows, each node's already in the table's order, into one page: a k-way
 * merge in that order, then the offset skipped and the page taken. The offset is applied after the
 * merge, so a page is exact however the devices are spread. The merge pulls rows as it needs them
 * (each node's rows come as a stream with back-pressure): a page costs about {@code offset + limit}
 * rows over the wire in all, not per node, and every node stops sending once the page is full.
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
    return merged.drop(offset).take(limit).runWith(Sink.seq(), system);
  }
}
