package io.iotsim.core.publish.testing;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber on a real broker that records what arrives: the observer of MQTT tests. */
public final class MqttProbe implements AutoCloseable {

  public record Message(String topic, String payload) {}

  private final Mqtt5AsyncClient client;
  private final Queue<Message> received = new ConcurrentLinkedQueue<>();

  private MqttProbe(Mqtt5AsyncClient client) {
    this.client = client;
  }

  /** A clean-session subscriber to {@code filter} at QoS 1. */
  public static MqttProbe subscribe(int port, String filter) throws Exception {
    return subscribe(port, filter, "probe-" + UUID.randomUUID(), true);
  }

  /** A subscriber with the given client id and session kind (persistent: cleanSession false). */
  public static MqttProbe subscribe(int port, String filter, String clientId, boolean clean)
      throws Exception {
    Mqtt5AsyncClient client =
        Mqtt5Client.builder()
            .identifier(clientId)
            .serverHost("127.0.0.1")
            .serverPort(port)
            .automaticReconnect()
            .initialDelay(100, TimeUnit.MILLISECONDS)
            .maxDelay(1, TimeUnit.SECONDS)
            .applyAutomaticReconnect()
            .buildAsync();
    MqttProbe probe = new MqttProbe(client);
    // MQTT 5, so the broker keeps up to the client's receive maximum (65535) in flight to us
    // instead of Mosquitto's max_inflight_messages (20) and drops nothing from its queue.
    client
        .connectWith()
        .cleanStart(clean)
        .sessionExpiryInterval(clean ? 0 : 3600)
        .keepAlive(30)
        .send()
        .get(10, TimeUnit.SECONDS);
    client
        .subscribeWith()
        .topicFilter(filter)
        .qos(MqttQos.AT_LEAST_ONCE)
        .callback(
            m ->
                probe.received.add(
                    new Message(
                        m.getTopic().toString(),
                        new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8))))
        .send()
        .get(10, TimeUnit.SECONDS);
    return probe;
  }

  public List<Message> messages() {
    return List.copyOf(received);
  }

  public int count() {
    return received.size();
  }

  /** Publishes from the probe's own connection (commands in C2D tests). */
  public void publish(String topic, String payload) throws Exception {
    client
        .publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send()
        .get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // already gone
    }
  }
}
