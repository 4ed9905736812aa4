package io.iotsim.core.profile;

/** What a device does when its protocol pool's queue fills up. */
public enum Backpressure {
  /** Double the device's interval above 80% fill, restore it below 50% (the default). */
  SLOW_DOWN,
  /** Keep the interval; the oldest queued readings are dropped and counted. */
  DROP_OLDEST;

  /** The profile's spelling: {@code slow_down}, {@code drop_oldest}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
