package io.iotsim.cluster.fleet;

import java.util.Map;

/**
 * Fleet status summed over the nodes that answered, and each node's own.
 *
 * @param byNode node name -> that node's counts, in node-name order
 */
public record ClusterFleetStatus(FleetStatus total, Map<String, FleetStatus> byNode) {}
