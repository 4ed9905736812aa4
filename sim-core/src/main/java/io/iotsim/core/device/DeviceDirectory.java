package io.iotsim.core.device;

import io.iotsim.core.selector.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The devices running on this node, by id. Devices add and remove themselves; fleet operations
 * (stop, pause, fault by selector; status; listings) read it instead of asking every actor. Kept
 * sorted so a listing pages by id cursor in O(log n) per page, even with a million devices.
 */
public final class DeviceDirectory {

  private final ConcurrentSkipListMap<String, LocalDevice> devices = new ConcurrentSkipListMap<>();

  void add(LocalDevice device) {
    devices.put(device.id(), device);
  }

  void remove(String id) {
    devices.remove(id);
  }

  public int size() {
    return devices.size();
  }

  public Optional<LocalDevice> get(String id) {
    return Optional.ofNullable(devices.get(id));
  }

  public Collection<LocalDevice> all() {
    return devices.values();
  }

  /** Calls {@code action} for every local device the selector matches. */
  public void forEachMatching(Selector selector, Consumer<LocalDevice> action) {
    Optional<Set<String>> ids = selector.deviceIds();
    if (ids.isPresent()) {
      for (String id : ids.get()) {
        LocalDevice d = devices.get(id);
        if (d != null) {
          action.accept(d);
        }
      }
      return;
    }
    boolean all = selector.isAll();
    for (LocalDevice d : devices.values()) {
      if (all || selector.matches(d.id(), d.type(), d.labels())) {
        action.accept(d);
      }
    }
  }

  /** Devices with an id after {@code afterId} (exclusive; null for the first), in id order. */
  public Collection<LocalDevice> after(String afterId) {
    return afterId == null ? devices.values() : devices.tailMap(afterId, false).values();
  }

  public List<LocalDevice> matching(Selector selector) {
    List<LocalDevice> out = new ArrayList<>();
    forEachMatching(selector, out::add);
    return out;
  }
}
