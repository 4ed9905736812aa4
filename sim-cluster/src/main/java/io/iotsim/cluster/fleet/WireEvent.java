package io.iotsim.cluster.fleet;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import java.util.Map;

/**
 * An event on its way from its node's hub to the entry node of a stream.
 *
 * @param lostBefore events of this stream the source node lost since the previous one sent
 */
public record WireEvent(
    String deviceId,
    String deviceType,
    EventType type,
    String message,
    long simTimeMillis,
    Map<String, String> metadata,
    long lostBefore)
    implements CborSerializable {

  static WireEvent of(LifecycleEvent e, long lostBefore) {
    return new WireEvent(
        e.deviceId(),
        e.deviceType(),
        e.type(),
        e.message(),
        e.simTimeMillis(),
        e.metadata(),
        lostBefore);
  }

  LifecycleEvent toEvent() {
    return new LifecycleEvent(deviceId, deviceType, type, message, simTimeMillis, metadata);
  }
}
