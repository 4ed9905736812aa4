package io.iotsim.cluster.hub;

import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.device.TelemetrySink;

/** The node's readings, for gRPC StreamTelemetry and SSE. */
public final class TelemetryHub extends Hub<DeviceReading> implements TelemetrySink {

  @Override
  public void offer(DeviceReading reading) {
    publish(reading);
  }
}
