package io.iotsim.core.publish.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.Readings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

/** CoAP against an in-process Californium server, judged by the POSTs it received. */
class CoapPublisherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theServerReceivesEveryConfirmableMessageAtTheDevicesUri() throws Exception {
    try (TelemetryServer server = TelemetryServer.plain();
        Publisher publisher =
            coap(
                "coap://127.0.0.1:" + server.port() + "/telemetry/{device_id}",
                "confirmable = true, max-in-flight = 64")) {
      int total = publish(publisher, 100, 20);

      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().sentOkCount() == total);
      Set<String> ids = new HashSet<>();
      for (TelemetryServer.Post post : server.posts()) {
        JsonNode envelope = JSON.readTree(post.payload());
        assertThat(post.type()).isEqualTo(CoAP.Type.CON);
        assertThat(post.device()).isEqualTo(envelope.get("device_id").asText());
        ids.add(post.device() + "#" + envelope.get("seq").asLong());
      }
      assertThat(ids).hasSize(total);
      assertThat(publisher.stats().snapshot().sentError()).isZero();
    }
  }

  @Test
  void nonConfirmableMessagesAreSentAsNon() throws Exception {
    try (TelemetryServer server = TelemetryServer.plain();
        Publisher publisher =
            coap(
                "coap://127.0.0.1:" + server.port() + "/telemetry/{device_id}",
                "confirmable = false")) {
      int total = publish(publisher, 10, 5);

      await().atMost(Duration.ofSeconds(10)).until(() -> server.posts().size() == total);
      assertThat(server.posts()).allMatch(post -> post.type() == CoAP.Type.NON);
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().sentOkCount() == total);
    }
  }

  @Test
  void dtlsWithAPreSharedKeyDeliversEveryMessage() throws Exception {
    try (TelemetryServer server = TelemetryServer.dtls("sim-node", "secret-psk");
        Publisher publisher =
            coap(
                "coaps://127.0.0.1:" + server.port() + "/telemetry/{device_id}",
                "psk-identity = sim-node, psk-key = secret-psk")) {
      int total = publish(publisher, 10, 5);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(server.posts()).as("%s", publisher.stats().snapshot()).hasSize(total));
      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.stats().sentOkCount() == total);
    }
  }

  @Test
  void coapsWithoutAKeyIsRejectedNamingTheSetting() {
    assertThatThrownBy(() -> coap("coaps://127.0.0.1:5684/t/{device_id}", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coap.psk-identity");
  }

  private static Publisher coap(String endpoint, String settings) {
    return new CoapPublisherFactory()
        .create(Contexts.of(null, "coap { endpoint = \"" + endpoint + "\"\n" + settings + " }"));
  }

  private static int publish(Publisher publisher, int devices, int perDevice) {
    Readings readings = new Readings();
    for (int seq = 0; seq < perDevice; seq++) {
      for (int d = 0; d < devices; d++) {
        String id = Readings.deviceId("tracker", d);
        assertThat(publisher.publish(readings.next(id, "devices/" + id, seq, 1))).isTrue();
      }
    }
    return devices * perDevice;
  }
}
