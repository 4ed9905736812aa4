package io.iotsim.core.publish;

/**
 * A reading copied out of the device's reused buffer, waiting in an adapter's send queue.
 *
 * @param handedOverNanos when the device handed it over ({@link System#nanoTime()}): publish
 *     latency is measured from here
 */
public record QueuedReading(
    String deviceId,
    String deviceType,
    String topic,
    int qos,
    long sequence,
    byte[] payload,
    long handedOverNanos) {

  public static QueuedReading of(EncodedReading r) {
    return new QueuedReading(
        r.deviceId(),
        r.deviceType(),
        r.topic(),
        r.qos(),
        r.sequence(),
        r.copyPayload(),
        System.nanoTime());
  }
}
