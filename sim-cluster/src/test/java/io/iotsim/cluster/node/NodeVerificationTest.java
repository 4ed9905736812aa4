package io.iotsim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.publish.verify.VerificationReport;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code iot-sim.verify} on a node over AMQP, against the RabbitMQ on 127.0.0.1:5672: the node
 * binds its own queue to its exchange at start and counts what its devices' readings do there.
 */
class NodeVerificationTest {

  private final String exchange = "iot-sim.node-verify-" + UUID.randomUUID();

  @AfterEach
  void deleteTheExchange() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
    try (Connection c = factory.newConnection("node-verify-test-cleanup");
        Channel channel = c.createChannel()) {
      channel.exchangeDelete(exchange);
    }
  }

  @Test
  void anAmqpNodeReportsItsDeliveriesFromItsOwnQueue() throws Exception {
    try (SimNode node =
        TestNodes.start(
            false,
            Map.of(
                "iot-sim.node.output", "protocol",
                "iot-sim.node.speed", "20",
                "iot-sim.amqp.exchange", exchange,
                "iot-sim.amqp.exchange-durable", false,
                "iot-sim.verify.enabled", true,
                "iot-sim.verify.protocol", "amqp",
                "iot-sim.verify.topic-filter", "nodeverify/+/telemetry"))) {
      node.fleet()
          .spawn(
              ProfileLoader.parse(
                  "type: node_verify\n"
                      + "protocol: amqp\n"
                      + "topic_template: \"nodeverify/{device_id}/telemetry\"\n"
                      + "telemetry_interval: 1s\n"
                      + "telemetry_fields:\n"
                      + "  t: {type: gaussian, mean: 1, stddev: 0.1}\n",
                  "node_verify"),
              10,
              Map.of())
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> node.verification().orElseThrow().delivered() >= 200);
      VerificationReport report = node.verification().orElseThrow();
      assertThat(report.duplicated()).isZero();
      assertThat(report.foreign()).isZero();
      assertThat(report.latencyMicros().getTotalCount()).isEqualTo(report.delivered());
      assertThat(report.expected()).isGreaterThanOrEqualTo(report.delivered());
    }
  }

  @Test
  void aProtocolWithoutABrokerStopsTheNodeNamingTheSetting() {
    assertThatThrownBy(
            () ->
                TestNodes.start(
                    false,
                    Map.of("iot-sim.verify.enabled", true, "iot-sim.verify.protocol", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iot-sim.verify.protocol")
        .hasMessageContaining("the protocol is http");
  }
}
