package io.iotsim.core.device;

import io.iotsim.proto.simulator.v1.EventType;
import java.util.Map;

/**
 * A lifecycle or control event in the reference's event shape (device_id, event_type, message,
 * timestamp, metadata). The timestamp is simulated time.
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
    return type.name().substring("EVENT_TYPE_".length()).toLowerCase(java.util.Locale.ROOT);
  }
}
