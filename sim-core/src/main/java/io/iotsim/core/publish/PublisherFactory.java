package io.iotsim.core.publish;

/**
 * Creates the publisher of one protocol. Found with {@link java.util.ServiceLoader}
 * (META-INF/services/io.iotsim.core.publish.PublisherFactory), so a protocol adapter is added by
 * dropping in a class, and the node never names one.
 */
public interface PublisherFactory {

  /** The profile's {@code protocol} value this factory serves: mqtt, amqp, http, coap, console. */
  String protocol();

  /**
   * A new publisher for the node settings merged with one profile's {@code protocol_options}.
   *
   * @throws IllegalArgumentException when a setting is invalid; the message names the setting
   */
  Publisher create(PublisherContext context);
}
