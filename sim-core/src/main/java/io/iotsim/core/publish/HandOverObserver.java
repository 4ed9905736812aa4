package io.iotsim.core.publish;

/**
 * Sees every reading a publisher takes, on the device's thread, before it is queued: delivery
 * verification notes what it must see come back and when it was handed over. Must not block.
 */
@FunctionalInterface
public interface HandOverObserver {
  void handedOver(QueuedReading reading);
}
