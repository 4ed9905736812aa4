package io.iotsim.core.device;

import java.util.Map;

/**
 * A lifecycle or control event (device_id, event_type, message, timestamp, metadata). The timestamp
 * is simulated time; fleet-level events (scenario steps) have an empty device id.
 */
public record LifecycleEvent(
    String deviceId,
    String deviceType,
    EventType type,
    String message,
    long simTimeMillis,
    Map<String, String> metadata) {

  /** Lower-case event name as logged and served over SSE: spawned, fault_injected, ... */
  public String eventName() {
    return type.label();
  }
}
