package io.iotsim.core.generator;

/**
 * Produces one field's value for each reading of one device. Mutable (it carries the field's state
 * and random stream) and confined to the device that owns it: not thread-safe.
 */
public interface FieldGenerator {

  /**
   * Writes the value for the reading scheduled at {@code simTimeMillis} (simulated epoch
   * milliseconds) into {@code reading} at {@code slot}.
   */
  void next(long simTimeMillis, Reading reading, int slot);
}
