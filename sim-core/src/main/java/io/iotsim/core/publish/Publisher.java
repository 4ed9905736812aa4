package io.iotsim.core.publish;

/**
 * A protocol adapter: takes encoded readings from devices and delivers them to a broker, endpoint,
 * file or nowhere. Shared by many devices on many threads, so every method is thread-safe, and
 * {@link #publish} never blocks: a publisher that cannot keep up queues in a bounded queue and
 * drops (counted in {@link #stats()}) when that is full.
 */
public interface Publisher extends AutoCloseable {

  /**
   * Short protocol name as used in profiles and metrics: mqtt, amqp, http, coap, console, null,
   * jsonl.
   */
  String protocol();

  /**
   * Hands one reading over. The reading and its buffer are reused once this returns: copy what is
   * kept.
   *
   * @return false when this reading was dropped because the send queue was full; true when it was
   *     taken, even if a drop-oldest queue made room by dropping an older one (that drop is counted
   *     in {@link #stats()})
   */
  boolean publish(EncodedReading reading);

  /** Fill of the bounded send queue in [0, 1]; drives the slow_down backpressure strategy. */
  default double queueFill() {
    return 0.0;
  }

  /**
   * Every reading scheduled before {@code simTimeMillis} has been handed over. Sinks that must
   * write in a deterministic order (jsonl) sort and flush up to here; others ignore it.
   */
  default void onWatermark(long simTimeMillis) {}

  /**
   * A device starts publishing through this publisher. Per-device connection modes open the
   * device's own connection here; publishers with cloud-to-device commands route them to {@code
   * device.commands()}. Must not block.
   */
  default void attach(DeviceLink device) {}

  /** The device stopped (or moved to another node): release what {@link #attach} took. */
  default void detach(String deviceId) {}

  PublisherStats stats();

  /**
   * While {@code when} holds (speed max), a full send queue takes the reading over its bound
   * instead of dropping it: the tick scheduler then bounds what is queued by releasing simulated
   * time only as fast as the publishers take it ({@link #room()}).
   */
  default void holdWhenFull(java.util.function.BooleanSupplier when) {}

  /**
   * How many more readings the send queue takes before it is full; {@link Long#MAX_VALUE} for sinks
   * without a bound (files, console). Gates the release of simulated time at speed max.
   */
  default long room() {
    return Long.MAX_VALUE;
  }

  /** Tells {@code observer} of every reading taken (delivery verification); null for none. */
  default void observe(HandOverObserver observer) {}

  /**
   * Flushes what is queued (bounded by the publisher's own drain timeout) and releases resources.
   */
  @Override
  void close();
}
