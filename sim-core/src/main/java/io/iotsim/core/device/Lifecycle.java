package io.iotsim.core.device;

import io.iotsim.proto.simulator.v1.DeviceState;

/** A device's lifecycle: IDLE -> RUNNING <-> PAUSED -> STOPPED, or ERROR. */
public enum Lifecycle {
  IDLE(DeviceState.DEVICE_STATE_IDLE),
  RUNNING(DeviceState.DEVICE_STATE_RUNNING),
  PAUSED(DeviceState.DEVICE_STATE_PAUSED),
  STOPPED(DeviceState.DEVICE_STATE_STOPPED),
  ERROR(DeviceState.DEVICE_STATE_ERROR);

  private final DeviceState proto;

  Lifecycle(DeviceState proto) {
    this.proto = proto;
  }

  public DeviceState proto() {
    return proto;
  }

  /** Lower-case name used in status maps, REST and metrics: running, paused, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Lifecycle fromProto(DeviceState state) {
    for (Lifecycle l : values()) {
      if (l.proto == state) {
        return l;
      }
    }
    throw new IllegalArgumentException("state: unknown device state " + state);
  }
}
