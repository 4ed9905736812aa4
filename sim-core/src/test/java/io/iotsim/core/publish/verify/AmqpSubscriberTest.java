package io.iotsim.core.publish.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.amqp.AmqpPublisherFactory;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.Readings;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscribing back over AMQP against the shared RabbitMQ on 127.0.0.1:5672: the subscriber's own
 * queue, bound before anything is published, sees every message the exchange routes.
 */
class AmqpSubscriberTest {

  private static final Config IOT_SIM =
      ConfigFactory.defaultReference().getConfig("iot-sim").resolve();

  private final String exchange = "iot.verify.test-" + UUID.randomUUID();

  @AfterEach
  void deleteTheExchange() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
    try (Connection c = factory.newConnection("verify-test-cleanup");
        Channel channel = c.createChannel()) {
      channel.exchangeDelete(exchange);
    }
  }

  /** Publishes devices x perDevice readings and returns the verifier's settled report. */
  private VerificationReport publishAndVerify(
      Map<String, Object> options, String template, int devices, int perDevice) throws Exception {
    DeliveryVerifier verifier = new DeliveryVerifier();
    try (AutoCloseable subscriber =
            Subscriptions.open(IOT_SIM, "amqp", TopicFilters.mqtt(template), 1, options, verifier);
        Publisher publisher = new AmqpPublisherFactory().create(Contexts.of(null, "", options))) {
      publisher.observe(verifier);
      Readings readings = new Readings();
      for (int seq = 0; seq < perDevice; seq++) {
        for (int d = 0; d < devices; d++) {
          String id = Readings.deviceId("meter", d);
          publisher.publish(readings.next(id, template.replace("{device_id}", id), seq, 1));
        }
      }
      verifier.awaitSettled(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
    return verifier.report();
  }

  @Test
  void aTopicExchangeDeliversEveryReadingToTheBoundQueue() throws Exception {
    VerificationReport report =
        publishAndVerify(
            // several channels: a device's readings still go out in order (one sender each)
            Map.of("exchange", exchange, "exchange_durable", false, "channels", 4),
            "plant/{device_id}/telemetry",
            20,
            25);

    assertThat(report.expected()).isEqualTo(500);
    assertThat(report.delivered()).isEqualTo(500);
    assertThat(report.missing()).isZero();
    assertThat(report.duplicated()).isZero();
    assertThat(report.outOfOrder()).isZero();
    assertThat(report.latencyMicros().getTotalCount()).isEqualTo(500);
  }

  @Test
  void aFanoutExchangeIsBoundWithoutAKey() throws Exception {
    VerificationReport report =
        publishAndVerify(
            Map.of("exchange", exchange, "exchange_durable", false, "exchange_type", "fanout"),
            "fan/{device_id}",
            5,
            10);

    assertThat(report.delivered()).isEqualTo(50);
    assertThat(report.missing()).isZero();
  }

  @Test
  void aTopicOutsideTheBindingIsNotReceivedAndCountsAsMissing() throws Exception {
    DeliveryVerifier verifier = new DeliveryVerifier();
    Map<String, Object> options = Map.of("exchange", exchange, "exchange_durable", false);
    try (AutoCloseable subscriber =
            Subscriptions.open(IOT_SIM, "amqp", "plant/+/telemetry", 1, options, verifier);
        Publisher publisher = new AmqpPublisherFactory().create(Contexts.of(null, "", options))) {
      publisher.observe(verifier);
      Readings readings = new Readings();
      publisher.publish(readings.next("meter-000001", "plant/meter-000001/telemetry", 0, 1));
      publisher.publish(readings.next("meter-000002", "elsewhere/meter-000002", 0, 1));
      verifier.awaitSettled(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }
    VerificationReport report = verifier.report();
    assertThat(report.delivered()).isEqualTo(1);
    assertThat(report.missing()).isEqualTo(1);
  }

  @Test
  void bindingKeysFollowTheExchangeType() {
    assertThat(AmqpSubscriber.bindingKey("topic", "devices/+/telemetry"))
        .isEqualTo("devices.*.telemetry");
    assertThat(AmqpSubscriber.bindingKey("topic", "#")).isEqualTo("#");
    assertThat(AmqpSubscriber.bindingKey("direct", "site/a/telemetry"))
        .isEqualTo("site.a.telemetry");
    assertThat(AmqpSubscriber.bindingKey("fanout", "devices/+/telemetry")).isEmpty();
    assertThatThrownBy(() -> AmqpSubscriber.bindingKey("direct", "devices/+/telemetry"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("direct exchange")
        .hasMessageContaining("amqp.exchange-type = topic");
  }

  @Test
  void protocolsWithoutABrokerCannotBeVerified() {
    assertThatThrownBy(() -> Subscriptions.check("http"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mqtt and amqp only")
        .hasMessageContaining("the protocol is http");
    assertThatThrownBy(() -> Subscriptions.check("coap"))
        .hasMessageContaining("the protocol is coap");
  }
}
