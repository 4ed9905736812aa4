package io.iotsim.core.device;

/**
 * Where devices offer readings for observation (the node's telemetry hub). Never blocks and never
 * slows a device: a slow observer loses readings, counted.
 */
public interface TelemetrySink {

  /** Cheap, checked per reading: a device builds a {@link DeviceReading} only when true. */
  boolean hasSubscribers();

  void offer(DeviceReading reading);
}
