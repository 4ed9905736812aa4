package io.iotsim.core.publish.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.MqttProbe;
import io.iotsim.core.publish.testing.OwnMosquitto;
import io.iotsim.core.publish.testing.Readings;
import io.iotsim.core.publish.testing.TcpProxy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 1,000 devices, each its own MQTT connection, on a Mosquitto of the test's own (the broker's $SYS
 * counters and retained statuses are then ours alone to read).
 */
class PerDeviceMqttPublisherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEVICES = 1_000;

  @Test
  void aThousandDevicesHoldAThousandConnectionsPublishAndLeaveCleanly() throws Exception {
    try (OwnMosquitto broker = OwnMosquitto.launch("sys_interval 1", "max_connections -1");
        MqttProbe statuses = MqttProbe.subscribe(broker.port(), "devices/+/status");
        MqttProbe telemetry = MqttProbe.subscribe(broker.port(), "devices/+/telemetry");
        MqttProbe clients = MqttProbe.subscribe(broker.port(), "$SYS/broker/clients/connected");
        Publisher publisher =
            new MqttPublisherFactory()
                .create(
                    Contexts.of(
                        null,
                        "mqtt { url = \"tcp://127.0.0.1:"
                            + broker.port()
                            + "\","
                            + " connection = per_device, source-addresses = 4,"
                            + " max-inflight = 16 }"))) {
      PerDeviceMqttPublisher perDevice = (PerDeviceMqttPublisher) publisher;
      for (int d = 0; d < DEVICES; d++) {
        publisher.attach(
            new DeviceLink(
                Readings.deviceId("meter", d), "meter", Map.of(), DeviceLink.IGNORE_COMMANDS));
      }
      await().atMost(Duration.ofSeconds(40)).until(() -> perDevice.connectedCount() == DEVICES);
      // The broker's own count: our 1,000 devices plus the three probes.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  clients.messages().stream()
                      .anyMatch(m -> Integer.parseInt(m.payload()) >= DEVICES + 3));

      // The broker saw the connections come from four loopback source addresses.
      Set<String> sources =
          Files.readAllLines(broker.dir().resolve("mosquitto.log")).stream()
              .filter(line -> line.contains("New client connected from") && line.contains("meter-"))
              .map(line -> line.replaceAll(".*connected from ([0-9.]+):.*", "$1"))
              .collect(Collectors.toSet());
      assertThat(sources)
          .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");

      Readings readings = new Readings();
      for (int d = 0; d < DEVICES; d++) {
        String id = Readings.deviceId("meter", d);
        publisher.publish(readings.next(id, "devices/" + id + "/telemetry", 0, 1));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> telemetry.count() == DEVICES);
      Set<String> senders =
          telemetry.messages().stream()
              .map(m -> m.topic().split("/")[1])
              .collect(Collectors.toSet());
      assertThat(senders).hasSize(DEVICES);

      // Each device announced itself online (retained); ten leave and say so.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> latestStatuses(statuses).size() == DEVICES);
      for (int d = 0; d < 10; d++) {
        publisher.detach(Readings.deviceId("meter", d));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> perDevice.connectedCount() == DEVICES - 10);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  latestStatuses(statuses).values().stream().filter("offline"::equals).count()
                      == 10);
    }
  }

  @Test
  void aConnectionLostWithoutDisconnectLeavesTheLastWillOnTheStatusTopic() throws Exception {
    try (OwnMosquitto broker = OwnMosquitto.launch();
        TcpProxy network = new TcpProxy(broker.port());
        MqttProbe statuses = MqttProbe.subscribe(broker.port(), "devices/+/status");
        Publisher publisher =
            new MqttPublisherFactory()
                .create(
                    Contexts.of(
                        null,
                        "mqtt { url = \"tcp://127.0.0.1:"
                            + network.port()
                            + "\","
                            + " connection = per_device, version = \"5\","
                            + " reconnect.initial-delay = 5s, reconnect.max-delay = 5s }"))) {
      publisher.attach(new DeviceLink("lamp-000001", "lamp", Map.of(), DeviceLink.IGNORE_COMMANDS));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "online".equals(latestStatuses(statuses).get("lamp-000001")));

      network.cutAll();

      await()
          .atMost(Duration.ofSeconds(4))
          .until(() -> "offline".equals(latestStatuses(statuses).get("lamp-000001")));
      // and the device comes back by itself
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> "online".equals(latestStatuses(statuses).get("lamp-000001")));
      assertThat(publisher.stats().snapshot().reconnects()).isEqualTo(1);
    }
  }

  private static Map<String, String> latestStatuses(MqttProbe probe) {
    Map<String, String> latest = new HashMap<>();
    for (MqttProbe.Message m : probe.messages()) {
      try {
        latest.put(m.topic().split("/")[1], JSON.readTree(m.payload()).get("status").asText());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return latest;
  }
}
