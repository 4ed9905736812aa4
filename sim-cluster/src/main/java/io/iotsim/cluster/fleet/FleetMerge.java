package io.iotsim.cluster.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** How the answers of every node's agent become one answer. Plain functions, no actors. */
final class FleetMerge {

  private FleetMerge() {}

  /** Counts summed over the nodes, with each node's own counts kept. */
  static ClusterFleetStatus status(Map<String, FleetStatus> byNode) {
    long total = 0;
    Map<String, Long> byState = new TreeMap<>();
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    for (FleetStatus s : byNode.values()) {
      total += s.total();
      s.byState().forEach((k, v) -> byState.merge(k, v, Long::sum));
      s.byType()
          .forEach(
              (type, states) ->
                  states.forEach(
                      (k, v) ->
                          byType
                              .computeIfAbsent(type, t -> new TreeMap<>())
                              .merge(k, v, Long::sum)));
    }
    return new ClusterFleetStatus(new FleetStatus(total, byState, byType), new TreeMap<>(byNode));
  }

  /**
   * One node's part of a page: up to {@code limit} of its devices after the cursor, in id order,
   * and whether it has more.
   */
  record NodePage(List<DeviceRow> rows, boolean more) {}

  /**
   * Merges the nodes' pages (each the first {@code limit} of its devices after the same cursor)
   * into the first {@code limit} of the union. The next cursor is the last id returned; a node's
   * devices past its own page all sort after it, so the next page neither skips nor repeats an id.
   * An id seen on two nodes (a device caught moving) is listed once.
   */
  static ClusterPage page(Collection<NodePage> pages, int limit) {
    TreeMap<String, DeviceRow> union = new TreeMap<>();
    boolean anyMore = false;
    for (NodePage p : pages) {
      anyMore |= p.more();
      for (DeviceRow r : p.rows()) {
        union.putIfAbsent(r.id(), r);
      }
    }
    List<DeviceRow> rows = new ArrayList<>(Math.min(limit, union.size()));
    for (DeviceRow r : union.values()) {
      if (rows.size() == limit) {
        break;
      }
      rows.add(r);
    }
    boolean more = anyMore || union.size() > limit;
    return new ClusterPage(rows, more && !rows.isEmpty() ? rows.get(rows.size() - 1).id() : null);
  }

  private record FaultKey(String fault, long start, long end, Map<String, String> params) {}

  /**
   * Joins the nodes' fault boards: groups with the same type, simulated window and parameters (one
   * injection that reached devices on several nodes) become one, with their devices summed and
   * their device types united; a group whose window has passed at {@code nowSimMillis} is left out.
   */
  static List<ActiveFault> faults(Collection<List<ActiveFault>> byNode, long nowSimMillis) {
    Map<FaultKey, int[]> devices = new java.util.LinkedHashMap<>();
    Map<FaultKey, TreeSet<String>> types = new java.util.HashMap<>();
    for (List<ActiveFault> node : byNode) {
      for (ActiveFault f : node) {
        if (f.endSimMillis() <= nowSimMillis) {
          continue;
        }
        FaultKey k = new FaultKey(f.faultType(), f.startSimMillis(), f.endSimMillis(), f.params());
        devices.computeIfAbsent(k, x -> new int[1])[0] += f.devices();
        types.computeIfAbsent(k, x -> new TreeSet<>()).addAll(f.deviceTypes());
      }
    }
    List<ActiveFault> out = new ArrayList<>(devices.size());
    devices.forEach(
        (k, n) ->
            out.add(
                new ActiveFault(
                    k.fault(), k.start(), k.end(), n[0], List.copyOf(types.get(k)), k.params())));
    out.sort(ActiveFault.SOONEST_END);
    return out;
  }
}
