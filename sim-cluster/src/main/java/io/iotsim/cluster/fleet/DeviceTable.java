package io.iotsim.cluster.fleet;

import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LocalDevice;
import io.iotsim.core.selector.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's device table: the devices a filter matches, in the order of a column. Each node
 * sorts its own matching devices ({@link #sorted}); the entry node merges the nodes' sorted rows in
 * the same order ({@link #order}) and only then skips the offset and takes the page, so a page is
 * the same as if one node held every device.
 */
public final class DeviceTable {

  /** A column a table can sort by; ties are broken by id, so the order is total. */
  public enum Sort {
    ID,
    TYPE,
    STATE
  }

  /** One page of the table and how many devices match on every node that answered. */
  public record Page(List<DeviceRow> devices, long total) {}

  private static final Comparator<DeviceRow> BY_ID = Comparator.comparing(DeviceRow::id);

  private DeviceTable() {}

  /** The order of the table's rows; every node sorts with it and the merge relies on it. */
  static Comparator<DeviceRow> order(Sort sort, boolean descending) {
    Comparator<DeviceRow> order =
        switch (sort) {
          case ID -> BY_ID;
          case TYPE -> Comparator.comparing(DeviceRow::type).thenComparing(BY_ID);
          case STATE ->
              Comparator.comparing((DeviceRow d) -> d.state().label()).thenComparing(BY_ID);
        };
    return descending ? order.reversed() : order;
  }

  /**
   * This node's matching devices as rows (their node named by {@code node}), in the table's order.
   * Each row is a copy taken once (state, labels), so a device that changes state while the rows
   * sort cannot break the sort.
   */
  static List<DeviceRow> sorted(
      DeviceDirectory directory,
      Selector selector,
      Optional<Lifecycle> state,
      Sort sort,
      boolean descending,
      String node) {
    List<DeviceRow> rows = new ArrayList<>();
    directory.forEachMatching(
        selector,
        d -> {
          Lifecycle now = d.state();
          if (state.isEmpty() || now == state.get()) {
            rows.add(row(d, now, node));
          }
        });
    // The directory hands devices out in id order already unless an id list picked them.
    if (sort != Sort.ID || descending || selector.deviceIds().isPresent()) {
      rows.sort(order(sort, descending));
    }
    return rows;
  }

  private static DeviceRow row(LocalDevice d, Lifecycle state, String node) {
    // a copy in the device's own label order (profile labels first), as its detail shows them;
    // Map.copyOf would shuffle them on every page
    return new DeviceRow(
        d.id(),
        d.type(),
        state,
        Collections.unmodifiableMap(new LinkedHashMap<>(d.labels())),
        node);
  }
}
