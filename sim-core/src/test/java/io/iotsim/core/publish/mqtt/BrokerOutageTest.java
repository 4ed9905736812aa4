package io.iotsim.core.publish.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.MqttProbe;
import io.iotsim.core.publish.testing.OwnMosquitto;
import io.iotsim.core.publish.testing.Readings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QoS 1 run through a broker that is down for 10 s: the pooled connections come back by
 * themselves and a persistent-session subscriber ends up with every message.
 */
class BrokerOutageTest {

  private static final Logger log = LoggerFactory.getLogger(BrokerOutageTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int POOL = 4;
  private static final int DEVICES = 50;

  @Test
  void afterTenSecondsDownEveryMessageArrivesAndTheConnectionsCameBackByThemselves()
      throws Exception {
    ScheduledExecutorService devices = Executors.newSingleThreadScheduledExecutor();
    try (OwnMosquitto broker = OwnMosquitto.launch();
        MqttProbe probe = MqttProbe.subscribe(broker.port(), "outage/#", "outage-probe", false);
        Publisher publisher =
            new MqttPublisherFactory()
                .create(
                    Contexts.of(
                        null,
                        "mqtt { url = \"tcp://127.0.0.1:"
                            + broker.port()
                            + "\", pool-size = "
                            + POOL
                            + ", reconnect { initial-delay = 200ms, max-delay = 1s } }"))) {
      PooledMqttPublisher pooled = (PooledMqttPublisher) publisher;
      // 50 devices, 500 readings/s in all, QoS 1.
      Readings readings = new Readings();
      AtomicInteger published = new AtomicInteger();
      devices.scheduleAtFixedRate(
          () -> {
            for (int i = 0; i < 5; i++) {
              int n = published.getAndIncrement();
              String id = Readings.deviceId("boiler", n % DEVICES);
              publisher.publish(readings.next(id, "outage/" + id, n / DEVICES, 1));
            }
          },
          0,
          10,
          TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().sentOkCount() > 1000);

      broker.stop();
      long sentBeforeOutage = publisher.stats().sentOkCount();
      // Down for 10 s, and the publisher knows it the whole time.
      await()
          .during(Duration.ofSeconds(10))
          .atMost(Duration.ofSeconds(12))
          .until(() -> pooled.connectedCount() == 0);
      long queuedDuringOutage = publisher.stats().snapshot().queueDepth();
      broker.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> pooled.connectedCount() == POOL);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> publisher.stats().sentOkCount() > sentBeforeOutage + queuedDuringOutage);
      devices.shutdown();
      devices.awaitTermination(5, TimeUnit.SECONDS);
      int total = published.get();

      Set<String> unique = new HashSet<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (MqttProbe.Message m : probe.messages()) {
                  JsonNode envelope = JSON.readTree(m.payload());
                  unique.add(envelope.get("device_id").asText() + "#" + envelope.get("seq"));
                }
                return unique.size() >= total;
              });
      var stats = publisher.stats().snapshot();
      int duplicates = probe.count() - unique.size();
      log.info(
          "outage run: published {}, queued during outage {}, received {} unique, {} duplicates,"
              + " reconnects {}, dropped {}, errors {}",
          total,
          queuedDuringOutage,
          unique.size(),
          duplicates,
          stats.reconnects(),
          stats.dropped(),
          stats.sentError());
      assertThat(unique).hasSize(total);
      assertThat(queuedDuringOutage).isPositive();
      assertThat(stats.reconnects()).isEqualTo(POOL);
      assertThat(stats.dropped()).isZero();
    } finally {
      devices.shutdownNow();
    }
  }
}
