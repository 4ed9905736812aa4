package io.iotsim.cluster.fleet;

import java.util.List;

/**
 * The cluster as one node sees it (iot-sim cluster status, GET /api/v1/cluster): its members with
 * their status and reachability, and what each member's fleet agent reports.
 *
 * @param self this node's name
 * @param leader the leader's name, or null while there is none
 * @param missingNodes members whose agent did not answer in time (their devices and shards are
 *     unknown, shown as -1)
 */
public record ClusterOverview(
    String self, String leader, List<Member> members, List<String> missingNodes) {

  /**
   * @param status joining, up, leaving, exiting, down, removed, weakly-up
   * @param shards device shards this member hosts, -1 when unknown
   * @param devices devices running on this member, -1 when unknown
   */
  public record Member(
      String node,
      String status,
      boolean reachable,
      List<String> roles,
      int shards,
      long devices,
      long maxDevices) {}

  public long devices() {
    return members.stream().mapToLong(m -> Math.max(0, m.devices())).sum();
  }
}
