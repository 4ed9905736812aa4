package io.iotsim.core.publish.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.MqttProbe;
import io.iotsim.core.publish.testing.Readings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pooled MQTT against the shared Mosquitto on 127.0.0.1:1883, judged by a subscriber. */
class PooledMqttPublisherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSubscriberReceivesEveryMessageOfAQos1RunOnTheDevicesTopicsAsValidEnvelopes()
      throws Exception {
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
    int devices = 200;
    int perDevice = 25;
    try (MqttProbe probe = MqttProbe.subscribe(1883, run + "/#");
        Publisher publisher =
            new MqttPublisherFactory().create(Contexts.of(null, "mqtt.pool-size = 4"))) {
      Readings readings = new Readings();
      int total = devices * perDevice;
      for (int seq = 0; seq < perDevice; seq++) {
        for (int d = 0; d < devices; d++) {
          String id = Readings.deviceId("sensor", d);
          assertThat(publisher.publish(readings.next(id, run + "/" + id + "/telemetry", seq, 1)))
              .isTrue();
        }
        // One tick of the fleet at a time: the shared Mosquitto keeps at most 1,000 messages
        // queued for a subscriber (max_queued_messages) and drops the rest of a larger burst.
        int sent = (seq + 1) * devices;
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.count() >= sent);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(probe.count())
                      .as("%s", publisher.stats().snapshot())
                      .isGreaterThanOrEqualTo(total));
      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.stats().sentOkCount() == total);

      Set<String> seen = new HashSet<>();
      for (MqttProbe.Message m : probe.messages()) {
        JsonNode envelope = JSON.readTree(m.payload());
        String id = envelope.get("device_id").asText();
        assertThat(m.topic()).isEqualTo(run + "/" + id + "/telemetry");
        assertThat(envelope.get("fields").get("temperature").isNumber()).isTrue();
        seen.add(id + "#" + envelope.get("seq").asLong());
      }
      assertThat(seen).hasSize(total);
      var snapshot = publisher.stats().snapshot();
      assertThat(snapshot.sentError()).isZero();
      assertThat(snapshot.dropped()).isZero();
      assertThat(snapshot.latencyP99Millis()).isPositive();
    }
  }

  @Test
  void whileTheBrokerIsUnreachableTheQueueIsBoundedAndTheOldestMessagesAreDroppedAndCounted()
      throws Exception {
    int deadPort = io.iotsim.core.publish.testing.OwnMosquittoPorts.free();
    try (Publisher publisher =
        new MqttPublisherFactory()
            .create(
                Contexts.of(
                    null,
                    "mqtt { url = \"tcp://127.0.0.1:"
                        + deadPort
                        + "\", pool-size = 2,"
                        + " queue-size = 10, drain-timeout = 100ms }"))) {
      Readings readings = new Readings();
      for (int seq = 0; seq < 100; seq++) {
        publisher.publish(readings.next("sensor-000001", "t/sensor-000001", seq, 1));
      }
      var snapshot = publisher.stats().snapshot();
      assertThat(snapshot.queueDepth()).isEqualTo(10);
      // the connection never came up: the overflow is lost to the disconnect
      assertThat(snapshot.droppedDisconnected()).isEqualTo(90);
      assertThat(snapshot.lost()).isEqualTo(90);
      assertThat(snapshot.generated()).isEqualTo(100);
      assertThat(snapshot.inFlight()).isEqualTo(10);
      assertThat(publisher.queueFill()).isEqualTo(1.0);
    }
  }

  @Test
  void afterCloseAPublisherStopsReconnecting() throws Exception {
    // A "broker" that accepts TCP and hangs up at once: every attempt is counted.
    AtomicInteger attempts = new AtomicInteger();
    try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!refusing.isClosed()) {
                  try (Socket socket = refusing.accept()) {
                    attempts.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      Publisher publisher =
          new MqttPublisherFactory()
              .create(
                  Contexts.of(
                      null,
                      "mqtt { url = \"tcp://127.0.0.1:"
                          + refusing.getLocalPort()
                          + "\", pool-size = 2, drain-timeout = 100ms,"
                          + " reconnect { initial-delay = 50ms, max-delay = 100ms } }"));
      await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 6);

      publisher.close();

      int afterClose = attempts.get() + 2; // attempts already under way may still land
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> attempts.get() <= afterClose);
    }
  }
}
