package io.iotsim.http.dashboard;

import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LocalDevice;
import io.iotsim.core.selector.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One page of the devices a table shows, sorted by a column: the node filters and sorts, the
 * browser only ever holds one page. Sorting by id walks the directory in its own order and stops
 * after the page; other columns sort the matching devices (a million references sort in well under
 * a second).
 */
public final class DeviceTable {

  /** A column a table can sort by. */
  public enum Sort {
    ID,
    TYPE,
    STATE
  }

  public record Page(List<LocalDevice> devices, long total) {}

  private static final Comparator<LocalDevice> BY_ID = Comparator.comparing(LocalDevice::id);

  private DeviceTable() {}

  public static Page page(
      DeviceDirectory directory,
      Selector selector,
      Optional<Lifecycle> state,
      Sort sort,
      boolean descending,
      int offset,
      int limit) {
    List<LocalDevice> matching = new ArrayList<>();
    directory.forEachMatching(
        selector,
        d -> {
          if (state.isEmpty() || d.state() == state.get()) {
            matching.add(d);
          }
        });
    Comparator<LocalDevice> order =
        switch (sort) {
          case ID -> BY_ID;
          case TYPE -> Comparator.comparing(LocalDevice::type).thenComparing(BY_ID);
          case STATE ->
              Comparator.comparing((LocalDevice d) -> d.state().label()).thenComparing(BY_ID);
        };
    // The directory hands devices out in id order already unless an id list picked them.
    if (sort != Sort.ID || selector.deviceIds().isPresent()) {
      matching.sort(order);
    }
    int total = matching.size();
    int from = Math.min(offset, total);
    int to = Math.min(from + limit, total);
    List<LocalDevice> page = new ArrayList<>(to - from);
    if (descending) {
      for (int i = total - 1 - from; i > total - 1 - to; i--) {
        page.add(matching.get(i));
      }
    } else {
      page.addAll(matching.subList(from, to));
    }
    return new Page(page, total);
  }
}
