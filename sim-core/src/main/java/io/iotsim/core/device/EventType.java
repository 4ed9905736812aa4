package io.iotsim.core.device;

import java.util.Locale;

/** What a {@link LifecycleEvent} reports. The wire names (gRPC, SSE) are mapped at the edges. */
public enum EventType {
  SPAWNED,
  STARTED,
  PAUSED,
  RESUMED,
  STOPPED,
  ERROR,
  FAULT_INJECTED,
  FAULT_CLEARED,
  BEHAVIOUR_UPDATED,
  BACKPRESSURE_SLOWDOWN,
  SCENARIO_STEP,
  COMMAND_RECEIVED,
  /** A publisher dropped readings (at most one event per protocol and second, with the counts). */
  PUBLISH_LOSS,
  /** Recreated on another node (its node died or its shard moved); says where. */
  RELOCATED;

  /** Lower-case name as logged and served over SSE: spawned, fault_injected, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
