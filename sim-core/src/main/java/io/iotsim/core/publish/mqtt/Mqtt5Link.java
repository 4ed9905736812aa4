package io.iotsim.core.publish.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** An MQTT 5 connection on the HiveMQ async client. */
final class Mqtt5Link implements MqttLink {

  private final Mqtt5AsyncClient client;
  private final Mqtt5Connect connect;

  Mqtt5Link(MqttLinks links, LinkOptions options, Listener listener) {
    MqttSettings settings = links.settings();
    this.client =
        Mqtt5Client.builder()
            .identifier(options.clientId())
            .transportConfig(links.transportConfig(options))
            .executorConfig(links.executorConfig())
            .addConnectedListener(context -> listener.onConnected())
            .addDisconnectedListener(context -> links.reconnectUnlessClosed(context, listener))
            .buildAsync();
    Mqtt5ConnectBuilder builder =
        Mqtt5Connect.builder()
            .keepAlive((int) settings.keepalive().toSeconds())
            .cleanStart(settings.cleanSession())
            // A clean session is one that ends with the connection (MQTT 3.1.1's meaning).
            .sessionExpiryInterval(
                settings.cleanSession() ? 0 : settings.sessionExpiry().toSeconds());
    if (options.username() != null && !options.username().isEmpty()) {
      var auth = builder.simpleAuth().username(options.username());
      if (options.password() != null && !options.password().isEmpty()) {
        auth.password(options.password().getBytes(StandardCharsets.UTF_8));
      }
      auth.applySimpleAuth();
    } else if (options.password() != null && !options.password().isEmpty()) {
      builder
          .simpleAuth()
          .password(options.password().getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth();
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
        .publish(
            Mqtt5Publish.builder().topic(topic).qos(Mqtt3Link.qosOf(qos)).payload(payload).build())
        .thenApply(
            result -> {
              // A PUBACK/PUBREC with a failure reason code completes normally, carrying the error.
              if (result.getError().isPresent()) {
                throw new CompletionException(result.getError().get());
              }
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    return client
        .subscribeWith()
        .topicFilter(filter)
        .qos(Mqtt3Link.qosOf(qos))
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
}
