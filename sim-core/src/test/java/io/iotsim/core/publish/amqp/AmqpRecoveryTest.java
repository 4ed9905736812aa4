package io.iotsim.core.publish.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.Readings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker drops the publisher's connection mid-run (rabbitmqctl close_connection, the shared
 * RabbitMQ itself stays up): automatic recovery reconnects and every message still arrives.
 */
class AmqpRecoveryTest {

  private static final Logger log = LoggerFactory.getLogger(AmqpRecoveryTest.class);

  @Test
  void afterTheBrokerClosesTheConnectionEveryMessageArrives() throws Exception {
    String exchange = "iot.telemetry.recovery-" + UUID.randomUUID();
    Queue<String> received = new ConcurrentLinkedQueue<>();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
    ScheduledExecutorService devices = Executors.newSingleThreadScheduledExecutor();
    try (Connection observer = factory.newConnection("amqp-recovery-observer")) {
      Channel channel = observer.createChannel();
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
              received.add(properties.getMessageId());
            }
          });
      try (Publisher publisher =
          new AmqpPublisherFactory()
              .create(
                  Contexts.of(
                      null,
                      "amqp.recovery-initial-delay = 200ms",
                      Map.of("exchange", exchange, "exchange_durable", false)))) {
        Readings readings = new Readings();
        AtomicInteger published = new AtomicInteger();
        devices.scheduleAtFixedRate(
            () -> {
              for (int i = 0; i < 5; i++) {
                int n = published.getAndIncrement();
                String id = Readings.deviceId("pump", n % 20);
                publisher.publish(readings.next(id, "plant/" + id, n / 20, 1));
              }
            },
            0,
            10,
            TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().sentOkCount() > 300);

        closeConnection("iot-sim " + exchange);
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> publisher.stats().snapshot().reconnects() == 1);
        long okBefore = publisher.stats().sentOkCount();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> publisher.stats().sentOkCount() > okBefore + 300);
        devices.shutdown();
        devices.awaitTermination(5, TimeUnit.SECONDS);
        int total = published.get();

        await().atMost(Duration.ofSeconds(20)).until(() -> new HashSet<>(received).size() >= total);
        Set<String> unique = new HashSet<>(received);
        log.info(
            "amqp recovery run: published {}, received {} unique, {} duplicates, errors {}",
            total,
            unique.size(),
            received.size() - unique.size(),
            publisher.stats().sentErrorCount());
        assertThat(unique).hasSize(total);
      } finally {
        channel.exchangeDelete(exchange);
      }
    } finally {
      devices.shutdownNow();
    }
  }

  /** Asks RabbitMQ to close the connection with this client-provided name. */
  private static void closeConnection(String name) throws IOException, InterruptedException {
    Process list =
        new ProcessBuilder(
                "rabbitmqctl",
                "-q",
                "list_connections",
                "pid",
                "client_properties",
                "--no-table-headers")
            .redirectErrorStream(true)
            .start();
    String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor();
    String pid = null;
    for (String line : output.split("\n")) {
      // client_properties holds {"connection_name","NAME"}
      if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
        pid = line.split("\t")[0].trim();
      }
    }
    assertThat(pid).as("connection %s in %s", name, output).isNotNull();
    Process close =
        new ProcessBuilder("rabbitmqctl", "-q", "close_connection", pid, "recovery test")
            .redirectErrorStream(true)
            .start();
    assertThat(close.waitFor()).isZero();
  }
}
