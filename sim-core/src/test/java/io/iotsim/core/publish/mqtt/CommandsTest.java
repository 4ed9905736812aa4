package io.iotsim.core.publish.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.MqttProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** Cloud-to-device commands through the shared Mosquitto: ack on the broker, command to device. */
class CommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Received(String commandId, String topic, String payload) {}

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String template = "c2d-" + run + "/{device_id}/commands";
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();

  @Test
  void pooledAJsonCommandIsAcknowledgedWithItsIdAndReachesOnlyItsDevice() throws Exception {
    MqttPublisherFactory factory = new MqttPublisherFactory();
    try (Publisher publisher =
            factory.create(
                Contexts.of(null, "mqtt { pool-size = 3, command-topic = \"" + template + "\" }"));
        MqttProbe acks = MqttProbe.subscribe(1883, "c2d-" + run + "/+/commands/ack")) {
      publisher.attach(device("valve-000001"));
      publisher.attach(device("valve-000002"));
      PooledMqttPublisher pooled = (PooledMqttPublisher) publisher;
      awaitSubscriptions(pooled::commandSubscriptions, 3);

      acks.publish(
          "c2d-" + run + "/valve-000002/commands",
          "{\"command_id\":\"cmd-42\",\"action\":\"close\"}");

      await().atMost(Duration.ofSeconds(10)).until(() -> acks.count() == 1);
      JsonNode ack = JSON.readTree(acks.messages().get(0).payload());
      assertThat(acks.messages().get(0).topic())
          .isEqualTo("c2d-" + run + "/valve-000002/commands/ack");
      assertThat(ack.get("device_id").asText()).isEqualTo("valve-000002");
      assertThat(ack.get("command_id").asText()).isEqualTo("cmd-42");
      assertThat(ack.get("status").asText()).isEqualTo("ok");
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
      assertThat(List.copyOf(received))
          .containsExactly(
              new Received(
                  "cmd-42",
                  "c2d-" + run + "/valve-000002/commands",
                  "{\"command_id\":\"cmd-42\",\"action\":\"close\"}"));
      // three connections saw the wildcard copy; only the owner handled it
      assertThat(pooled.commandsHandled()).isEqualTo(1);
    }
  }

  @Test
  void perDeviceACommandWithoutIdGetsADerivedIdAndIsAcknowledged() throws Exception {
    try (Publisher publisher =
            new MqttPublisherFactory()
                .create(
                    Contexts.of(
                        null,
                        "mqtt { connection = per_device, version = \"5\", will-topic = \"\","
                            + " command-topic = \""
                            + template
                            + "\" }"));
        MqttProbe acks = MqttProbe.subscribe(1883, "c2d-" + run + "/+/commands/ack")) {
      String deviceId = "pump-" + run;
      publisher.attach(device(deviceId));
      PerDeviceMqttPublisher perDevice = (PerDeviceMqttPublisher) publisher;
      awaitSubscriptions(perDevice::commandSubscriptions, 1);

      acks.publish("c2d-" + run + "/" + deviceId + "/commands", "reboot");

      await().atMost(Duration.ofSeconds(10)).until(() -> acks.count() == 1);
      JsonNode ack = JSON.readTree(acks.messages().get(0).payload());
      assertThat(ack.get("device_id").asText()).isEqualTo(deviceId);
      assertThat(ack.get("command_id").asText()).startsWith("cmd-");
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
      assertThat(received.peek().commandId()).isEqualTo(ack.get("command_id").asText());
      assertThat(perDevice.commandsHandled()).isEqualTo(1);
    }
  }

  private DeviceLink device(String id) {
    return new DeviceLink(
        id,
        "valve",
        Map.of(),
        (commandId, topic, payload) ->
            received.add(new Received(commandId, topic, new String(payload))));
  }

  private static void awaitSubscriptions(IntSupplier subscriptions, int expected) {
    await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.getAsInt() == expected);
  }
}
