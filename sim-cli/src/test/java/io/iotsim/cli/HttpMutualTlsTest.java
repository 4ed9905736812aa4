package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.cluster.security.PemTls;
import io.iotsim.http.HttpExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with {@code iot-sim.http.tls.client-ca-file}: the REST API over real sockets answers only
 * clients whose certificate the configured CA signed. A client with such a certificate is served;
 * one without a certificate, or with one from another CA, fails the TLS handshake, and the failure
 * is the server's refusal of the client's certificate (its TLS alert), not a trust or connection
 * problem of the client's own. After each refusal the node still serves and its devices keep their
 * rate.
 */
class HttpMutualTlsTest {

  static final String STEADY = "steady-000001";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static TestPki pki;
  static SimNode node;
  static URI api;
  static HttpClient trusted;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(tmp);
    Path profiles = Files.createDirectories(tmp.resolve("profiles"));
    Files.writeString(
        profiles.resolve("steady.yaml"),
        String.join(
            "\n",
            "type: steady",
            "protocol: console",
            "telemetry_interval: 1s",
            "telemetry_fields:",
            "  t: {type: static, value: 1}",
            ""));
    Map<String, Object> c = new HashMap<>();
    c.put("iot-sim.http.profiles-dir", profiles.toString());
    c.put("iot-sim.http.tls.enabled", true);
    c.put("iot-sim.http.tls.cert-file", pki.pem("server").toString());
    c.put("iot-sim.http.tls.key-file", pki.key("server").toString());
    c.put("iot-sim.http.tls.client-ca-file", pki.pem("ca").toString());
    node = TestNodes.start(true, c);
    api = URI.create("https://127.0.0.1:" + HttpExtension.address(node).orElseThrow().getPort());
    trusted = client(identity("client", "ca"));
    HttpResponse<String> spawn =
        trusted.send(
            HttpRequest.newBuilder(api.resolve("/api/v1/devices/spawn"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"steady\",\"count\":3}"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(spawn.statusCode()).as(spawn.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void theNodeStillServesAndItsDevicesKeepTheirRate() throws Exception {
    long before = readings();
    long start = System.nanoTime();
    // one reading a second: three more take about three seconds, never much less
    await().atMost(Duration.ofSeconds(15)).until(() -> readings() >= before + 3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
  }

  @Test
  void aClientWithACertificateFromTheConfiguredCaIsServed() throws Exception {
    HttpResponse<String> r = get(trusted, "/api/v1/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("active_devices").asInt()).isEqualTo(3);
  }

  @Test
  void aClientWithoutACertificateIsRefusedByTheServerInTheHandshake() throws Exception {
    // trusts the node's CA (so the client side of the handshake is content) but has no key
    Throwable t = catchThrowable(() -> get(client(pki.trusting("ca")), "/api/v1/health"));
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(isSsl(t)).as(chain(t)).isTrue();
    // "Received": the alert came from the server, refusing the client's (missing) certificate;
    // the client's own check of the server passed (no PKIX failure)
    assertThat(chain(t)).containsPattern(REFUSED_BY_SERVER).doesNotContain("PKIX");
  }

  @Test
  void aClientWithACertificateFromAnotherCaIsRefusedByTheServerInTheHandshake() throws Exception {
    Throwable t =
        catchThrowable(() -> get(client(identity("rogue-client", "ca")), "/api/v1/health"));
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(isSsl(t)).as(chain(t)).isTrue();
    // the server refused the certificate's issuer (JDK 25's client does not even offer it, as the
    // server names the CAs it accepts); the same client with a certificate of the right CA is
    // served (the test above), so the issuer is the only reason
    assertThat(chain(t)).containsPattern(REFUSED_BY_SERVER).doesNotContain("PKIX");
  }

  /** The server's alert refusing a client's certificate (or its absence), as JDKs word it. */
  private static final String REFUSED_BY_SERVER =
      "Received fatal alert: (bad_certificate|certificate_required)";

  // ---- helpers

  /** A client context presenting {@code name}'s certificate and trusting {@code caName}. */
  static SSLContext identity(String name, String caName) {
    // the server's PEM reader builds a context from a certificate, its key and a CA to trust; the
    // same context serves a client (its key manager presents the certificate when asked)
    return new PemTls(pki.pem(name), pki.key(name), Optional.of(pki.pem(caName))).context();
  }

  static HttpClient client(SSLContext ssl) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static HttpResponse<String> get(HttpClient c, String path) throws Exception {
    return c.send(
        HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long readings() throws Exception {
    return JSON.readTree(get(trusted, "/api/v1/devices/" + STEADY).body())
        .path("readings_total")
        .asLong();
  }

  /** Every message of a throwable's causes, so an alert wrapped in an IOException is found. */
  static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }

  static boolean isSsl(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
