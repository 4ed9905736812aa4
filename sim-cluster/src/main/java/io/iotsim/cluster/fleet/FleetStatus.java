package io.iotsim.cluster.fleet;

import java.util.Map;

/**
 * Devices by state and by type.
 *
 * @param byState lower-case state -> count
 * @param byType type -> (lower-case state -> count)
 */
public record FleetStatus(
    long total, Map<String, Long> byState, Map<String, Map<String, Long>> byType) {}
