package io.iotsim.core.device;

/**
 * A device's state: IDLE -> RUNNING <-> PAUSED -> STOPPED, or ERROR. The wire's {@code DeviceState}
 * is mapped at the edges.
 */
public enum Lifecycle {
  IDLE,
  RUNNING,
  PAUSED,
  STOPPED,
  ERROR;

  /** Lower-case name used in status maps, REST and metrics: running, paused, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True while the device is scheduled and can take faults and updates. */
  public boolean live() {
    return this == RUNNING || this == PAUSED;
  }
}
