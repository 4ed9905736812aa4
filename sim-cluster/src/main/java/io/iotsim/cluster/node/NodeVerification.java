package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import io.iotsim.core.publish.verify.DeliveryVerifier;
import io.iotsim.core.publish.verify.Subscriptions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node's delivery verification: the verifier and the subscription that feeds it. */
record NodeVerification(DeliveryVerifier verifier, AutoCloseable subscription) {

  private static final Logger log = LoggerFactory.getLogger(NodeVerification.class);

  /**
   * {@code iot-sim.verify.enabled}: subscribes to {@code iot-sim.verify.topic-filter} over {@code
   * iot-sim.verify.protocol} (the node's MQTT broker, or a queue bound to its AMQP exchange) before
   * any device publishes.
   */
  static void startIfEnabled(SimNode node, Config config) throws Exception {
    Config verify = config.getConfig("iot-sim.verify");
    if (!verify.getBoolean("enabled")) {
      return;
    }
    String protocol = verify.getString("protocol");
    try {
      Subscriptions.check(protocol);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("iot-sim.verify.protocol: " + e.getMessage(), e);
    }
    DeliveryVerifier verifier = new DeliveryVerifier();
    String filter = verify.getString("topic-filter");
    AutoCloseable subscriber =
        Subscriptions.open(
            config.getConfig("iot-sim"),
            protocol,
            filter,
            verify.getInt("qos"),
            Map.of(),
            verifier);
    node.verifyWith(verifier, subscriber);
    log.info("delivery verification on: subscribed to {} over {}", filter, protocol);
  }

  void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      log.warn("closing the verification subscription failed", e);
    }
  }
}
