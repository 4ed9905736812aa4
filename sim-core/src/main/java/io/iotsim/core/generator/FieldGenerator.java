package io.iotsim.core.generator;

/**
 * Produces one field's value for each reading. One generator serves every device of a profile; what
 * is a device's own (its random stream, a walk's position) is a slice of that device's state array,
 * {@code state[at, at + stateSize())}: a million devices then hold a few longs per field instead of
 * an object each. Stateless itself, so thread-safe; a device's slice is confined to that device.
 */
public interface FieldGenerator {

  /** The longs of per-device state it keeps; 0 for a pure function of simulated time. */
  default int stateSize() {
    return 0;
  }

  /** Writes the state a device starts with, drawn from {@code fieldSeed}, at {@code at}. */
  default void seed(long fieldSeed, long[] state, int at) {}

  /**
   * Writes the value for the reading scheduled at {@code simTimeMillis} (simulated epoch
   * milliseconds) into {@code reading} at {@code slot}, moving the device's state at {@code at} on.
   */
  void next(long simTimeMillis, long[] state, int at, Reading reading, int slot);
}
