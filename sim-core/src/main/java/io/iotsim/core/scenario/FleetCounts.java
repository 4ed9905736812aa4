package io.iotsim.core.scenario;

import java.util.Map;

/**
 * Fleet status as a scenario sees it: devices in total, by state ({@code running}, {@code paused},
 * ...), and by type and state.
 */
public record FleetCounts(
    long total, Map<String, Long> byState, Map<String, Map<String, Long>> byType) {

  /**
   * The number a condition path names: {@code total}, {@code running} (a state), {@code
   * by_state.running}, {@code by_type.smart_lock.running}, {@code by_type.smart_lock.total}.
   * Unknown types and states count 0.
   */
  public long value(String path) {
    String[] parts = path.split("\\.");
    if (parts.length == 1) {
      return parts[0].equals("total") ? total : byState.getOrDefault(parts[0], 0L);
    }
    if (parts.length == 2 && parts[0].equals("by_state")) {
      return byState.getOrDefault(parts[1], 0L);
    }
    if (parts.length == 3 && parts[0].equals("by_type")) {
      Map<String, Long> states = byType.getOrDefault(parts[1], Map.of());
      return parts[2].equals("total")
          ? states.values().stream().mapToLong(Long::longValue).sum()
          : states.getOrDefault(parts[2], 0L);
    }
    throw new IllegalArgumentException("unknown status path '" + path + "'");
  }
}
