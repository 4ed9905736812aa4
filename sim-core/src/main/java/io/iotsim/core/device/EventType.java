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
  COMMAND_RECEIVED;

  /** Lower-case name as logged and served over SSE: spawned, fault_injected, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code fault_injected} or {@code FAULT_INJECTED}.
   *
   * @throws IllegalArgumentException naming {@code field} and the accepted values
   */
  public static EventType parse(String text, String field) {
    String s = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (EventType t : values()) {
      if (t.name().equals(s)) {
        return t;
      }
    }
    StringBuilder names = new StringBuilder();
    for (EventType t : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(t.label());
    }
    throw new IllegalArgumentException(
        field + ": unknown event type '" + text + "' (expected one of " + names + ")");
  }
}
