package io.iotsim.cluster.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.device.Lifecycle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard table's merge: whatever the spread of devices over nodes, a page cut from the merge
 * of the nodes' sorted rows is the page one node holding every device would give.
 */
class TableMergeTest {

  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void pagesOfTheMergeEqualPagesOfOneSortedListForEverySortAndOrder() throws Exception {
    Random random = new Random(11);
    String[] types = {"meter", "gate", "probe_x"};
    Lifecycle[] states = {Lifecycle.RUNNING, Lifecycle.PAUSED, Lifecycle.ERROR};
    List<DeviceRow> all = new ArrayList<>();
    List<List<DeviceRow>> byNode = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < 600; i++) {
      String type = types[random.nextInt(types.length)];
      int node = random.nextInt(3);
      DeviceRow r =
          new DeviceRow(
              String.format("%s-%06d", type, i),
              type,
              states[random.nextInt(states.length)],
              Map.of(),
              "n" + node);
      all.add(r);
      byNode.get(node).add(r);
    }
    int[][] windows = {{0, 1}, {0, 50}, {7, 13}, {299, 100}, {550, 100}, {599, 5}, {600, 10}};
    for (DeviceTable.Sort sort : DeviceTable.Sort.values()) {
      for (boolean descending : new boolean[] {false, true}) {
        Comparator<DeviceRow> order = DeviceTable.order(sort, descending);
        List<DeviceRow> expected = new ArrayList<>(all);
        expected.sort(order);
        for (int[] w : windows) {
          List<Source<DeviceRow, NotUsed>> sources = new ArrayList<>();
          for (List<DeviceRow> rows : byNode) {
            List<DeviceRow> sorted = new ArrayList<>(rows);
            sorted.sort(order);
            // as an agent sends them: its first offset + limit only
            sources.add(Source.from(sorted.subList(0, Math.min(sorted.size(), w[0] + w[1]))));
          }
          List<DeviceRow> page =
              TableMerge.page(sources, order, w[0], w[1], kit.system())
                  .toCompletableFuture()
                  .get(10, TimeUnit.SECONDS);
          int from = Math.min(w[0], expected.size());
          int to = Math.min(w[0] + w[1], expected.size());
          assertThat(page)
              .as("%s %s offset %d limit %d", sort, descending ? "desc" : "asc", w[0], w[1])
              .isEqualTo(expected.subList(from, to));
        }
      }
    }
  }
}
