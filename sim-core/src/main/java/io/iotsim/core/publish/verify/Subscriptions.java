package io.iotsim.core.publish.verify;

import com.typesafe.config.Config;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.amqp.AmqpSettings;
import java.util.List;
import java.util.Map;

/**
 * Which subscriber feeds the {@link DeliveryVerifier} for a protocol: one verifier, one subscriber
 * per protocol that can be read back. HTTP and CoAP POST to an endpoint nobody can subscribe to, so
 * they cannot be verified this way.
 */
public final class Subscriptions {

  /** The protocols a run can subscribe back to. */
  public static final List<String> PROTOCOLS = List.of("mqtt", "amqp");

  private Subscriptions() {}

  /**
   * @throws IllegalArgumentException naming the protocol when it cannot be read back
   */
  public static void check(String protocol) {
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          "subscribing back works over "
              + String.join(" and ", PROTOCOLS)
              + " only (the protocol is "
              + protocol
              + ": it delivers to an endpoint, not a broker)");
    }
  }

  /**
   * Subscribes to every topic {@code profile} publishes to, with the settings its publisher uses
   * (the node's protocol block under the profile's protocol_options).
   *
   * @param iotSim the node's {@code iot-sim} config block
   */
  public static AutoCloseable forProfile(
      Config iotSim, DeviceProfile profile, DeliveryVerifier verifier) throws Exception {
    return open(
        iotSim,
        profile.protocol(),
        TopicFilters.mqtt(profile.topicTemplate()),
        profile.qos(),
        profile.protocolOptions(),
        verifier);
  }

  /**
   * Subscribes over {@code protocol} to {@code topicFilter}, an MQTT filter ({@code +}, {@code #});
   * for AMQP it becomes the binding key on the exchange the settings name.
   *
   * @param iotSim the node's {@code iot-sim} config block
   * @param qos the MQTT subscription's QoS (AMQP ignores it)
   * @param options protocol_options over the node's block, as the publisher reads them
   */
  public static AutoCloseable open(
      Config iotSim,
      String protocol,
      String topicFilter,
      int qos,
      Map<String, Object> options,
      DeliveryVerifier verifier)
      throws Exception {
    check(protocol);
    if (protocol.equals("amqp")) {
      AmqpSettings settings = AmqpSettings.from(new PublisherContext(null, iotSim, options));
      return AmqpSubscriber.start(
          settings,
          AmqpSubscriber.bindingKey(settings.exchangeType(), topicFilter),
          verifier::received);
    }
    return MqttSubscriber.start(iotSim.getConfig("mqtt"), topicFilter, qos, verifier::received);
  }
}
