package io.iotsim.core.publish.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.Readings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AMQP against the shared RabbitMQ on 127.0.0.1:5672, judged by a queue bound to the exchange. */
class AmqpPublisherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Delivery(String routingKey, String body) {}

  private final String exchange = "iot.telemetry.test-" + UUID.randomUUID();
  private final Queue<Delivery> received = new ConcurrentLinkedQueue<>();
  private Connection connection;
  private Channel channel;

  @BeforeEach
  void bindAQueueToTheExchange() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
    connection = factory.newConnection("amqp-test-observer");
    channel = connection.createChannel();
    channel.exchangeDeclare(exchange, "topic", false);
    String queue = channel.queueDeclare().getQueue();
    channel.queueBind(queue, exchange, "#");
    channel.basicConsume(
        queue,
        true,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            received.add(new Delivery(envelope.getRoutingKey(), new String(body)));
          }
        });
  }

  @AfterEach
  void deleteTheExchange() throws Exception {
    channel.exchangeDelete(exchange);
    connection.close();
  }

  @Test
  void aBoundQueueReceivesEveryMessageWithTheTopicAsRoutingKey() throws Exception {
    int devices = 100;
    int perDevice = 50;
    try (Publisher publisher =
        new AmqpPublisherFactory()
            .create(
                Contexts.of(null, "", Map.of("exchange", exchange, "exchange_durable", false)))) {
      Readings readings = new Readings();
      for (int seq = 0; seq < perDevice; seq++) {
        for (int d = 0; d < devices; d++) {
          String id = Readings.deviceId("meter", d);
          publisher.publish(readings.next(id, "devices/" + id + "/telemetry", seq, 1));
        }
      }
      int total = devices * perDevice;
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= total);
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().sentOkCount() == total);

      Set<String> ids = new HashSet<>();
      for (Delivery delivery : received) {
        JsonNode envelope = JSON.readTree(delivery.body());
        String id = envelope.get("device_id").asText();
        assertThat(delivery.routingKey()).isEqualTo("devices." + id + ".telemetry");
        ids.add(id + "#" + envelope.get("seq").asLong());
      }
      assertThat(ids).hasSize(total);
      assertThat(publisher.stats().snapshot().sentError()).isZero();
    }
  }

  @Test
  void aProfileCannotCarryTheBrokerUrl() {
    assertThatThrownBy(
            () ->
                new AmqpPublisherFactory()
                    .create(Contexts.of(null, "", Map.of("url", "amqp://u:p@host/"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amqp.url");
  }
}
