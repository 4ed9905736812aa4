package io.iotsim.cluster.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.device.Lifecycle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetMergeTest {

  @Test
  void statusSumsTheNodesAndKeepsEachNodesOwn() {
    FleetStatus a =
        new FleetStatus(
            3,
            Map.of("running", 2L, "paused", 1L),
            Map.of("t", Map.of("running", 2L, "paused", 1L)));
    FleetStatus b = new FleetStatus(4, Map.of("running", 4L), Map.of("u", Map.of("running", 4L)));

    ClusterFleetStatus s = FleetMerge.status(Map.of("n2:1", b, "n1:1", a));

    assertThat(s.total().total()).isEqualTo(7);
    assertThat(s.total().byState()).containsEntry("running", 6L).containsEntry("paused", 1L);
    assertThat(s.total().byType()).containsKeys("t", "u");
    assertThat(s.byNode().keySet()).containsExactly("n1:1", "n2:1");
    assertThat(s.byNode().get("n2:1")).isEqualTo(b);
  }

  /** Three nodes with interleaved ids, paged with every limit: each id exactly once, in order. */
  @Test
  void pagingTheMergedNodesReturnsEachIdOnceInOrder() {
    Random random = new Random(7);
    List<TreeSet<String>> nodes = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    for (int i = 0; i < 1000; i++) {
      nodes.get(random.nextInt(3)).add(String.format("t-%06d", i));
    }
    for (int limit : new int[] {1, 7, 100, 333, 1000, 5000}) {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        String after = cursor;
        List<FleetMerge.NodePage> answers =
            nodes.stream().map(n -> nodePage(n, after, limit)).toList();
        ClusterPage page = FleetMerge.page(answers, limit);
        assertThat(page.devices()).hasSizeLessThanOrEqualTo(limit);
        page.devices().forEach(r -> seen.add(r.id()));
        cursor = page.nextCursor();
        assertThat(++pages).isLessThan(2000);
      } while (cursor != null);
      assertThat(seen).as("limit %d", limit).hasSize(1000).isSorted();
      assertThat(new HashSet<>(seen)).hasSize(1000);
    }
  }

  @Test
  void aDeviceSeenOnTwoNodesIsListedOnce() {
    DeviceRow x1 = row("t-000001", "a");
    DeviceRow x2 = row("t-000001", "b");
    DeviceRow y = row("t-000002", "b");
    ClusterPage page =
        FleetMerge.page(
            List.of(
                new FleetMerge.NodePage(List.of(x1), false),
                new FleetMerge.NodePage(List.of(x2, y), false)),
            10);
    assertThat(page.devices().stream().map(DeviceRow::id).collect(Collectors.toList()))
        .containsExactly("t-000001", "t-000002");
    assertThat(page.nextCursor()).isNull();
  }

  private static FleetMerge.NodePage nodePage(TreeSet<String> ids, String after, int limit) {
    Set<String> tail = after == null ? ids : ids.tailSet(after, false);
    List<DeviceRow> rows = new ArrayList<>();
    boolean more = false;
    for (String id : tail) {
      if (rows.size() == limit) {
        more = true;
        break;
      }
      rows.add(row(id, "n"));
    }
    return new FleetMerge.NodePage(rows, more);
  }

  private static DeviceRow row(String id, String node) {
    return new DeviceRow(id, "t", Lifecycle.RUNNING, Map.of(), node);
  }

  /** One injection that reached devices on two nodes is one group; distinct ones stay apart. */
  @Test
  void faultsOfTheSameInjectionOnSeveralNodesAreOneGroup() {
    Map<String, String> p = Map.of("latency_ms", "100");
    ActiveFault onA = new ActiveFault("latency_spike", 1_000, 61_000, 3, List.of("meter"), p);
    ActiveFault onB = new ActiveFault("latency_spike", 1_000, 61_000, 2, List.of("gate"), p);
    ActiveFault other =
        new ActiveFault(
            "latency_spike", 1_000, 61_000, 1, List.of("gate"), Map.of("latency_ms", "5"));
    ActiveFault sooner =
        new ActiveFault("disconnect", 2_000, 32_000, 4, List.of("meter"), Map.of());
    ActiveFault over = new ActiveFault("disconnect", 0, 10_000, 9, List.of("meter"), Map.of());

    List<ActiveFault> merged =
        FleetMerge.faults(List.of(List.of(onA, over), List.of(onB, other, sooner)), 20_000);

    assertThat(merged).hasSize(3);
    assertThat(merged.get(0)).isEqualTo(sooner);
    ActiveFault joined =
        merged.stream().filter(f -> f.params().equals(p)).findFirst().orElseThrow();
    assertThat(joined.devices()).isEqualTo(5);
    assertThat(joined.deviceTypes()).containsExactly("gate", "meter");
    assertThat(merged).contains(other).doesNotContain(over);
  }
}
