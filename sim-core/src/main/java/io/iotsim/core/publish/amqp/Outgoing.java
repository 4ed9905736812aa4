package io.iotsim.core.publish.amqp;

/** A reading copied out of the device's buffer, waiting for a channel. */
record Outgoing(
    String routingKey,
    String deviceId,
    long sequence,
    byte[] payload,
    long handedOverNanos,
    String deviceType) {

  /** MQTT-style topic levels become AMQP topic-exchange words: {@code a/b/c -> a.b.c}. */
  static String routingKeyOf(String topic) {
    return topic.replace('/', '.');
  }
}
