package io.iotsim.core.publish.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.MqttProbe;
import io.iotsim.core.publish.testing.OwnMosquitto;
import io.iotsim.core.publish.testing.OwnMosquittoPorts;
import io.iotsim.core.publish.testing.Readings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssl:// with PEM files against a Mosquitto TLS listener that requires client certificates
 * (certificates made with openssl for the test); a plain listener of the same broker observes.
 */
class MutualTlsTest {

  @TempDir static Path pki;

  @BeforeAll
  static void makeACaAServerAndAClientCertificate() throws Exception {
    Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    String script =
        String.join(
            " && ",
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1"
                + " -subj /CN=iot-sim-test-ca",
            "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr"
                + " -subj /CN=localhost",
            "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
                + " -out server.crt -days 1 -extfile san.ext",
            "openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr"
                + " -subj /CN=sim-node",
            "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
                + " -out client.crt -days 1");
    Process openssl =
        new ProcessBuilder("bash", "-c", script)
            .directory(pki.toFile())
            .redirectErrorStream(true)
            .redirectOutput(pki.resolve("openssl.log").toFile())
            .start();
    assertThat(openssl.waitFor()).as(Files.readString(pki.resolve("openssl.log"))).isZero();
  }

  @Test
  void aClientWithItsCertificateConnectsAndEveryMessageArrives() throws Exception {
    int tlsPort = OwnMosquittoPorts.free();
    try (OwnMosquitto broker = OwnMosquitto.launch(tlsListener(tlsPort));
        MqttProbe probe = MqttProbe.subscribe(broker.port(), "secure/#");
        Publisher publisher = tlsPublisher(tlsPort, true)) {
      Readings readings = new Readings();
      for (int seq = 0; seq < 100; seq++) {
        publisher.publish(readings.next("vault-000001", "secure/vault-000001", seq, 1));
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> probe.count() == 100);
      // The broker's PUBACKs may still be on their way when the subscriber has everything.
      await().atMost(Duration.ofSeconds(15)).until(() -> publisher.stats().sentOkCount() == 100);
    }
  }

  @Test
  void withoutAClientCertificateTheBrokerRefusesTheConnection() throws Exception {
    int tlsPort = OwnMosquittoPorts.free();
    try (OwnMosquitto broker = OwnMosquitto.launch(tlsListener(tlsPort));
        Publisher publisher = tlsPublisher(tlsPort, false)) {
      PooledMqttPublisher pooled = (PooledMqttPublisher) publisher;
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(() -> pooled.connectedCount() == 0);
    }
  }

  private static String[] tlsListener(int port) {
    return new String[] {
      "listener " + port + " 127.0.0.1",
      "cafile " + pki.resolve("ca.crt"),
      "certfile " + pki.resolve("server.crt"),
      "keyfile " + pki.resolve("server.key"),
      "require_certificate true"
    };
  }

  private static Publisher tlsPublisher(int port, boolean withClientCertificate) {
    String client =
        withClientCertificate
            ? ", client-cert = \""
                + pki.resolve("client.crt")
                + "\", client-key = \""
                + pki.resolve("client.key")
                + "\""
            : "";
    return new MqttPublisherFactory()
        .create(
            Contexts.of(
                null,
                "mqtt { url = \"ssl://127.0.0.1:"
                    + port
                    + "\", pool-size = 2,"
                    + " tls { ca-cert = \""
                    + pki.resolve("ca.crt")
                    + "\""
                    + client
                    + " } }"));
  }
}
