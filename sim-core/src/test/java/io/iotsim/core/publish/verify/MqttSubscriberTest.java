package io.iotsim.core.publish.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.testing.OwnMosquitto;
import io.reactivex.schedulers.Schedulers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Subscribing back over MQTT, against a Mosquitto of the test's own. */
class MqttSubscriberTest {

  /**
   * The subscriber stops taking messages until 100,000 QoS 0 ones were published: the broker must
   * queue for it, and every one arrives once it goes on. A subscriber that let messages pile up
   * inside the client dropped all but the last 65,535 of them there.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aSubscriberThatFallsBehindHoldsTheBrokerBackInsteadOfDroppingQos0Messages()
      throws Exception {
    int count = 100_000;
    try (OwnMosquitto broker = OwnMosquitto.launch()) {
      Config mqtt =
          ConfigFactory.parseString(
              "url = \"tcp://127.0.0.1:" + broker.port() + "\", username = \"\", password = \"\"");
      CountDownLatch behind = new CountDownLatch(1);
      Set<String> received = ConcurrentHashMap.newKeySet();
      try (MqttSubscriber subscriber =
          MqttSubscriber.start(
              mqtt,
              "behind/#",
              0,
              payload -> {
                awaitUninterruptibly(behind);
                received.add(new String(payload, StandardCharsets.UTF_8));
              })) {
        // its futures complete on its own network thread, not on a shared one the stuck
        // subscriber may hold
        Mqtt5AsyncClient publisher =
            Mqtt5Client.builder()
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .executorConfig()
                .applicationScheduler(Schedulers.trampoline())
                .applyExecutorConfig()
                .buildAsync();
        publisher.connect().get(10, TimeUnit.SECONDS);
        CompletableFuture<?>[] sent = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
          sent[i] =
              publisher
                  .publishWith()
                  .topic("behind/t")
                  .qos(MqttQos.AT_MOST_ONCE)
                  .payload(("m-" + i).getBytes(StandardCharsets.UTF_8))
                  .send();
        }
        CompletableFuture.allOf(sent).get(60, TimeUnit.SECONDS);
        // time for the broker to pass on all it can while the subscriber is stuck
        Thread.sleep(2_000);
        behind.countDown();

        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(received.size()).isEqualTo(count));
        publisher.disconnect().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
