package io.iotsim.core.profile;

/** How devices of a profile share broker connections. */
public enum ConnectionMode {
  /** Devices share a pool of connections per protocol (the default; ~1000 devices each). */
  POOLED,
  /** Every device holds its own connection, as real devices do; costly past a few thousand. */
  PER_DEVICE;

  /** The profile's spelling: {@code pooled}, {@code per_device}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
