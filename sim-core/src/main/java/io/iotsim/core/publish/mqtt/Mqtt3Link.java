package io.iotsim.core.publish.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** An MQTT 3.1.1 connection on the HiveMQ async client. */
final class Mqtt3Link implements MqttLink {

  private final Mqtt3AsyncClient client;
  private final Mqtt3Connect connect;

  Mqtt3Link(MqttLinks links, LinkOptions options, Listener listener) {
    MqttSettings settings = links.settings();
    this.client =
        Mqtt3Client.builder()
            .identifier(options.clientId())
            .transportConfig(links.transportConfig(options))
            .executorConfig(links.executorConfig())
            .addConnectedListener(context -> listener.onConnected())
            .addDisconnectedListener(context -> links.reconnectUnlessClosed(context, listener))
            .buildAsync();
    Mqtt3ConnectBuilder builder =
        Mqtt3Connect.builder()
            .keepAlive((int) settings.keepalive().toSeconds())
            .cleanSession(settings.cleanSession());
    if (options.username() != null && !options.username().isEmpty()) {
      var auth = builder.simpleAuth().username(options.username());
      if (options.password() != null && !options.password().isEmpty()) {
        auth.password(options.password().getBytes(StandardCharsets.UTF_8));
      }
      auth.applySimpleAuth();
    }
    if (options.willTopic() != null) {
      builder
          .willPublish()
          .topic(options.willTopic())
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(options.willPayload())
          .retain(true)
          .applyWillPublish();
    }
    this.connect = builder.build();
  }

  @Override
  public CompletableFuture<Void> connect() {
    return client.connect(connect).thenApply(ack -> null);
  }

  @Override
  public CompletableFuture<Void> publish(String topic, int qos, byte[] payload) {
    return client
        .publish(Mqtt3Publish.builder().topic(topic).qos(qosOf(qos)).payload(payload).build())
        .thenApply(sent -> null);
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    return client
        .subscribeWith()
        .topicFilter(filter)
        .qos(qosOf(qos))
        .callback(
            message ->
                handler.onMessage(message.getTopic().toString(), message.getPayloadAsBytes()))
        .send()
        .thenApply(ack -> null);
  }

  @Override
  public CompletableFuture<Void> disconnect() {
    return client.disconnect();
  }

  @Override
  public boolean isConnected() {
    return client.getState().isConnected();
  }

  static MqttQos qosOf(int qos) {
    MqttQos value = MqttQos.fromCode(qos);
    if (value == null) {
      throw new IllegalArgumentException("MQTT QoS must be 0, 1 or 2: " + qos);
    }
    return value;
  }
}
