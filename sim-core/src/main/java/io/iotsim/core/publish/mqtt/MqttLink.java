package io.iotsim.core.publish.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * One MQTT connection, whatever the protocol version: the few operations the publishers need over
 * HiveMQ's separate MQTT 3 and MQTT 5 client types. Every method is asynchronous.
 */
interface MqttLink {

  /** Connection state changes, reported on the client's I/O threads. */
  interface Listener {
    void onConnected();

    /** Lost or failed; the link reconnects by itself unless it was disconnected on purpose. */
    void onDisconnected(Throwable cause);

    /** The owner let the link go: no more reconnects, even if a disconnect raced with one. */
    boolean isClosed();
  }

  /** Receives messages of a subscription. */
  @FunctionalInterface
  interface MessageHandler {
    void onMessage(String topic, byte[] payload);
  }

  CompletableFuture<Void> connect();

  /** Completes when the broker acknowledged (QoS 1/2) or the message was written (QoS 0). */
  CompletableFuture<Void> publish(String topic, int qos, byte[] payload);

  CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler);

  /** A clean disconnect; no reconnect follows. */
  CompletableFuture<Void> disconnect();

  boolean isConnected();
}
