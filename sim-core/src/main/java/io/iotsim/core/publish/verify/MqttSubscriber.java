package io.iotsim.core.publish.verify;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.typesafe.config.Config;
import io.reactivex.schedulers.Schedulers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Subscribes back to the MQTT broker the run publishes to, at the run's QoS (at most 1) with a
 * persistent session and automatic reconnects: a broker that goes away for a while keeps what it
 * queued for this session and hands it over after the reconnect, so an outage does not count as
 * loss that did not happen. MQTT 5, so the broker may have as many QoS 1 deliveries in flight to it
 * as its Receive Maximum says (65,535): over MQTT 3.1.1 a broker applies its own per-client limit
 * (Mosquitto: 20), which holds the subscriber to a few thousand messages a second and makes the
 * broker drop what queues up behind it, counted as missing although the publisher delivered it.
 *
 * <p>The verifier runs on the client's network thread. While it is busy nothing more is read from
 * the socket, so a subscriber that falls behind holds the broker back through TCP, and the broker
 * queues for its session. On the client's default scheduler, messages would wait inside the client
 * instead, and past 65,535 of them it drops the oldest QoS 0 ones ("QoS 0 publish message
 * dropped"): readings the broker delivered, counted as missing (a CPU-starved run at speed max did
 * that). At speed max the run also waits for the verifier ({@link DeliveryVerifier#room()}).
 */
public final class MqttSubscriber implements AutoCloseable {

  /** How long the broker keeps the session of a subscriber that went away (then it forgets it). */
  private static final long SESSION_EXPIRY_SECONDS = 600;

  private final Mqtt5AsyncClient client;
  private final String filter;

  private MqttSubscriber(Mqtt5AsyncClient client, String filter) {
    this.client = client;
    this.filter = filter;
  }

  /**
   * Connects to {@code iot-sim.mqtt.url} (with its username and password) and subscribes to {@code
   * filter}; returns once the broker acknowledged the subscription.
   *
   * @param mqtt the {@code iot-sim.mqtt} config block
   * @param received takes each message's payload, on the client's network thread
   */
  public static MqttSubscriber start(Config mqtt, String filter, int qos, Consumer<byte[]> received)
      throws Exception {
    URI url = URI.create(mqtt.getString("url"));
    if (!"tcp".equals(url.getScheme())) {
      throw new IllegalArgumentException(
          "verify: subscribing back needs a tcp:// MQTT url (got " + url + ")");
    }
    Mqtt5AsyncClient client =
        Mqtt5Client.builder()
            .identifier(
                "iot-sim-verify-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()))
            .serverHost(url.getHost())
            .serverPort(url.getPort() > 0 ? url.getPort() : 1883)
            .automaticReconnect()
            .initialDelay(100, TimeUnit.MILLISECONDS)
            .maxDelay(1, TimeUnit.SECONDS)
            .applyAutomaticReconnect()
            .executorConfig()
            .applicationScheduler(Schedulers.trampoline())
            .applyExecutorConfig()
            .buildAsync();
    var connect =
        client
            .connectWith()
            .cleanStart(false)
            .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
            .keepAlive(30)
            .restrictions()
            .receiveMaximum(65_535)
            .applyRestrictions();
    String user = mqtt.getString("username");
    if (!user.isEmpty()) {
      connect
          .simpleAuth()
          .username(user)
          .password(mqtt.getString("password").getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth();
    }
    Duration timeout = Duration.ofSeconds(10);
    connect.send().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    client
        .subscribeWith()
        .topicFilter(filter)
        .qos(qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
        .callback(message -> received.accept(message.getPayloadAsBytes()))
        .send()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return new MqttSubscriber(client, filter);
  }

  @Override
  public void close() {
    try {
      // the session stays on the broker (it is persistent): without a subscription it holds nothing
      client.unsubscribeWith().topicFilter(filter).send().get(5, TimeUnit.SECONDS);
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the broker is gone; nothing to release there
    }
  }
}
