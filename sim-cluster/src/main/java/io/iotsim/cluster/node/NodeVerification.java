package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import io.iotsim.core.publish.verify.DeliveryVerifier;
import io.iotsim.core.publish.verify.MqttSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node's delivery verification: the verifier and the subscription that feeds it. */
record NodeVerification(DeliveryVerifier verifier, AutoCloseable subscription) {

  private static final Logger log = LoggerFactory.getLogger(NodeVerification.class);

  /**
   * {@code iot-sim.verify.enabled}: subscribes to {@code iot-sim.verify.topic-filter} on the node's
   * MQTT broker before any device publishes.
   */
  static void startIfEnabled(SimNode node, Config config) throws Exception {
    Config verify = config.getConfig("iot-sim.verify");
    if (!verify.getBoolean("enabled")) {
      return;
    }
    DeliveryVerifier verifier = new DeliveryVerifier();
    String filter = verify.getString("topic-filter");
    MqttSubscriber subscriber =
        MqttSubscriber.start(
            config.getConfig("iot-sim.mqtt"), filter, verify.getInt("qos"), verifier);
    node.verifyWith(verifier, subscriber);
    log.info("delivery verification on: subscribed to {}", filter);
  }

  void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      log.warn("closing the verification subscription failed", e);
    }
  }
}
