package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.iotsim.client.ClientSecurity;
import io.iotsim.client.ClientSettings;
import io.iotsim.client.IotSimClient;
import io.iotsim.client.RetryPolicy;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.http.HttpExtension;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import io.iotsim.proto.simulator.v1.StreamTelemetryRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with every door shut, over real sockets: a bearer token on REST, SSE and gRPC, HTTPS and
 * gRPC over mutual TLS from a PKI openssl makes here, probes on a port of their own, max-devices
 * 20, two live streams, a CORS allow-list. Each test knocks wrongly (and rightly); afterwards the
 * node still serves and its devices keep their rate.
 */
class SecureEdgesTest {

  static final String TOKEN = "s3cret-token-for-tests";
  static final String STEADY = "steady-000001";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static TestPki pki;
  static SimNode node;
  static URI api;
  static URI probes;
  static String runtime;
  static HttpClient https;
  static IotSimClient client;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(tmp);
    Map<String, Object> c = new HashMap<>();
    c.put("iot-sim.security.api-token", TOKEN);
    c.put("iot-sim.security.max-streams", 2);
    c.put("iot-sim.node.max-devices", 20);
    c.put("iot-sim.http.metrics-port", 0);
    c.put("iot-sim.http.cors.allowed-origins", List.of("https://dash.example"));
    c.put("iot-sim.http.profiles-dir", "../profiles");
    for (String block : List.of("iot-sim.grpc.tls", "iot-sim.http.tls")) {
      c.put(block + ".enabled", true);
      c.put(block + ".cert-file", pki.pem("server").toString());
      c.put(block + ".key-file", pki.key("server").toString());
    }
    c.put("iot-sim.grpc.tls.client-ca-file", pki.pem("ca").toString());
    node = TestNodes.start(true, c);
    api = URI.create("https://127.0.0.1:" + HttpExtension.address(node).orElseThrow().getPort());
    probes = URI.create("http://127.0.0.1:" + HttpExtension.metricsPort(node).orElseThrow());
    runtime = "127.0.0.1:" + node.grpcPort();
    https = client(pki.trusting("ca"));
    client = grpc(security(TOKEN, "client"));
    Path steady = tmp.resolve("steady.yaml");
    java.nio.file.Files.writeString(
        steady,
        String.join(
            "\n",
            "type: steady",
            "protocol: console",
            "telemetry_interval: 1s",
            "telemetry_fields:",
            "  t: {type: static, value: 1}",
            ""));
    client.blocking().spawnProfile(steady, 10, Map.of());
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void theNodeStillServesAndItsDevicesKeepTheirRate() {
    assertThat(send("GET", "/api/v1/health", TOKEN, null).statusCode()).isEqualTo(200);
    long before = readings();
    long start = System.nanoTime();
    // one reading a second: three more take about three seconds, never much less
    await().atMost(Duration.ofSeconds(10)).until(() -> readings() >= before + 3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
    assertThat(client.blocking().fleetStatus().getTotalDevices()).isEqualTo(10);
  }

  static long readings() {
    return client.blocking().device(STEADY).getReadingsTotal();
  }

  // ---- authentication: REST and SSE

  @Test
  void restWithoutTheTokenIs401SayingHowToSendIt() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/status", null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("www-authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(r).path("error").asText())
        .contains("missing bearer token", "Authorization: Bearer", "IOT_SIM_API_TOKEN");
  }

  @Test
  void restWithAWrongTokenIs401AndTheRightOneIsServed() throws Exception {
    HttpResponse<String> wrong = send("GET", "/api/v1/status", TOKEN + "x", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).path("error").asText()).isEqualTo("invalid bearer token");
    HttpResponse<String> notBearer =
        https.send(
            HttpRequest.newBuilder(api.resolve("/api/v1/status"))
                .header("Authorization", "Basic " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notBearer.statusCode()).isEqualTo(401);
    HttpResponse<String> right = send("GET", "/api/v1/status", TOKEN, null);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(json(right).path("active_devices").asInt()).isEqualTo(10);
  }

  @Test
  void aSpawnWithoutTheTokenStartsNothing() throws Exception {
    HttpResponse<String> r =
        send("POST", "/api/v1/devices/spawn", null, "{\"profile\":\"temperature_sensor\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(client.blocking().fleetStatus().getTotalDevices()).isEqualTo(10);
  }

  @Test
  void sseWithoutTheTokenIs401AndWithItStreams() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/devices/stream?ids=" + STEADY, null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    try (InputStream in = openSse("/api/v1/devices/stream?ids=" + STEADY, TOKEN)) {
      String first = readUntil(in, "data:");
      assertThat(first).contains(STEADY);
    }
  }

  @Test
  void sseTakesTheTokenAsAnAccessTokenQueryParameterForEventSource() throws Exception {
    // what a browser's EventSource sends: no Authorization header, the token in the URL
    try (InputStream in =
        openSse("/api/v1/devices/stream?ids=" + STEADY + "&access_token=" + TOKEN, null)) {
      assertThat(readUntil(in, "data:")).contains(STEADY);
    }
    try (InputStream in = openSse("/api/v1/events/stream?access_token=" + TOKEN, null)) {
      assertThat(readUntil(in, ":")).isEqualTo(": stream open");
    }
    HttpResponse<String> wrong =
        send("GET", "/api/v1/devices/stream?ids=" + STEADY + "&access_token=nope", null, null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).path("error").asText()).isEqualTo("invalid bearer token");
    HttpResponse<String> empty = send("GET", "/api/v1/events/stream?access_token=", null, null);
    assertThat(empty.statusCode()).isEqualTo(401);
  }

  @Test
  void theAccessTokenQueryParameterIsRefusedOffTheSseRoutes() throws Exception {
    for (String path :
        List.of(
            "/api/v1/status?access_token=" + TOKEN,
            "/api/v1/devices?access_token=" + TOKEN,
            "/api/v1/devices/stream/?access_token=" + TOKEN)) {
      HttpResponse<String> r = send("GET", path, null, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(json(r).path("error").asText())
          .as(path)
          .contains("access_token is accepted only on the SSE routes", "Authorization: Bearer");
    }
    // not a way to mutate either: a POST with the right token in the URL spawns nothing, even on
    // an SSE route's path
    HttpResponse<String> spawn =
        send(
            "POST",
            "/api/v1/devices/spawn?access_token=" + TOKEN,
            null,
            "{\"profile\":\"temperature_sensor\"}");
    assertThat(spawn.statusCode()).isEqualTo(401);
    assertThat(json(spawn).path("error").asText()).contains("only on the SSE routes");
    HttpResponse<String> post =
        send("POST", "/api/v1/devices/stream?access_token=" + TOKEN, null, "{}");
    assertThat(post.statusCode()).isEqualTo(401);
    assertThat(client.blocking().fleetStatus().getTotalDevices()).isEqualTo(10);
    // the header still decides when both come
    assertThat(send("GET", "/api/v1/status?access_token=nope", TOKEN, null).statusCode())
        .isEqualTo(200);
  }

  // ---- authentication: gRPC

  @Test
  void grpcWithoutTheTokenIsUnauthenticatedSayingHowToSendIt() {
    try (IotSimClient anonymous = grpc(security(null, "client"))) {
      Status s = statusOf(() -> anonymous.blocking().fleetStatus());
      assertThat(s.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(s.getDescription()).contains("missing bearer token", "IOT_SIM_API_TOKEN");
    }
  }

  @Test
  void grpcWithAWrongTokenIsUnauthenticatedAndNothingIsSpawned() {
    try (IotSimClient wrong = grpc(security("nope", "client"))) {
      Status s =
          statusOf(() -> wrong.blocking().stop(DeviceSelector.newBuilder().setAll(true).build()));
      assertThat(s.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(s.getDescription()).contains("invalid bearer token");
    }
    assertThat(client.blocking().fleetStatus().getTotalDevices()).isEqualTo(10);
  }

  @Test
  void theCliTakesTheTokenAndTheTlsFiles() {
    CliRun ok =
        CliRun.of(
            "status",
            "--runtime",
            runtime,
            "--token",
            TOKEN,
            "--tls-ca",
            pki.pem("ca").toString(),
            "--tls-cert",
            pki.pem("client").toString(),
            "--tls-key",
            pki.key("client").toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    CliRun noToken =
        CliRun.of(
            "status",
            "--runtime",
            runtime,
            "--tls-ca",
            pki.pem("ca").toString(),
            "--tls-cert",
            pki.pem("client").toString(),
            "--tls-key",
            pki.key("client").toString());
    assertThat(noToken.exitCode()).isNotZero();
    assertThat(noToken.err()).contains("UNAUTHENTICATED").contains("bearer token");
  }

  // ---- TLS

  @Test
  void httpsFailsTheHandshakeForAClientThatDoesNotTrustTheCa() throws Exception {
    HttpClient rogue = client(pki.trusting("rogue-ca"));
    assertThatThrownBy(
            () ->
                rogue.send(
                    HttpRequest.newBuilder(api.resolve("/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    // and plain HTTP to the HTTPS port gets no answer
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI http = URI.create(api.toString().replace("https:", "http:") + "/api/v1/health");
    assertThatThrownBy(
            () ->
                plain.send(
                    HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void mutualTlsRefusesAClientWithoutACertificate() {
    ClientSecurity noCert =
        new ClientSecurity(
            Optional.of(TOKEN), Optional.of(pki.pem("ca")), Optional.empty(), Optional.empty());
    try (IotSimClient c = grpc(noCert)) {
      Status s = statusOf(() -> c.blocking().fleetStatus());
      assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  @Test
  void mutualTlsRefusesACertificateFromAnotherCa() {
    try (IotSimClient c = grpc(security(TOKEN, "rogue-client"))) {
      Status s = statusOf(() -> c.blocking().fleetStatus());
      assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheNodesCaRefusesIt() {
    ClientSecurity rogueTrust =
        new ClientSecurity(
            Optional.of(TOKEN),
            Optional.of(pki.pem("rogue-ca")),
            Optional.of(pki.pem("client")),
            Optional.of(pki.key("client")));
    try (IotSimClient c = grpc(rogueTrust)) {
      Status s = statusOf(() -> c.blocking().fleetStatus());
      assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  // ---- probes

  @Test
  void probesAndMetricsAnswerOnTheirOwnPortWithoutAToken() throws Exception {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    for (String path : List.of("/healthz", "/readyz", "/metrics")) {
      HttpResponse<String> r =
          plain.send(
              HttpRequest.newBuilder(probes.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
    // the API is not on the probe port
    HttpResponse<String> r =
        plain.send(
            HttpRequest.newBuilder(probes.resolve("/api/v1/status")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  // ---- limits

  @Test
  void aSpawnLargerThanMaxDevicesIs400NamingTheLimitAndItsValue() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/devices/spawn",
            TOKEN,
            "{\"profile\":\"temperature_sensor\",\"count\":21}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("field").asText()).isEqualTo("count");
    assertThat(json(r).path("error").asText()).contains("max-devices 20");
  }

  @Test
  void aSpawnPastWhatIsLeftIs409OverRestAndResourceExhaustedOverGrpc() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/devices/spawn",
            TOKEN,
            "{\"profile\":\"temperature_sensor\",\"count\":11}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).path("error").asText()).contains("max-devices 20");
    Status s =
        statusOf(
            () ->
                client
                    .blocking()
                    .spawnProfile(Path.of("../profiles/temperature_sensor.yaml"), 11, Map.of()));
    assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(s.getDescription()).contains("max-devices 20");
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    String big = "{\"profile\":\"" + "x".repeat(1_100_000) + "\"}";
    HttpResponse<String> r = send("POST", "/api/v1/devices/spawn", TOKEN, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).path("error").asText()).contains("1048576 bytes");
  }

  @Test
  void aPageLargerThanTheMaximumIs400() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/devices?limit=10001", TOKEN, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("field").asText()).isEqualTo("limit");
  }

  @Test
  void aThirdStreamIsRefusedOverSseAndGrpcUntilOneCloses() throws Exception {
    List<InputStream> open = new ArrayList<>();
    try {
      open.add(openSse("/api/v1/devices/stream?ids=" + STEADY, TOKEN));
      open.add(openSse("/api/v1/events/stream", TOKEN));
      HttpResponse<String> third = send("GET", "/api/v1/devices/stream", TOKEN, null);
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(json(third).path("error").asText())
          .contains("at most 2 live streams", "iot-sim.security.max-streams");
      var it = client.telemetryIterator(StreamTelemetryRequest.getDefaultInstance());
      Status s = statusOf(it::hasNext);
      it.close();
      assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(s.getDescription()).contains("at most 2 live streams");
    } finally {
      for (InputStream in : open) {
        in.close();
      }
    }
    // closed streams give their places back
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                send(
                        "GET",
                        "/api/v1/devices/stream?limit=1&ids=" + STEADY,
                        TOKEN,
                        null,
                        Duration.ofSeconds(3))
                    == 200);
  }

  // ---- CORS

  @Test
  void anAllowedOriginGetsCorsHeadersAndOthersDoNot() throws Exception {
    HttpResponse<String> pre =
        https.send(
            HttpRequest.newBuilder(api.resolve("/api/v1/status"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://dash.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://dash.example");
    assertThat(pre.headers().firstValue("access-control-allow-headers").orElse(""))
        .contains("Authorization");
    HttpResponse<String> evil =
        https.send(
            HttpRequest.newBuilder(api.resolve("/api/v1/status"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(evil.headers().firstValue("access-control-allow-origin")).isEmpty();
    HttpResponse<String> get =
        https.send(
            HttpRequest.newBuilder(api.resolve("/api/v1/status"))
                .header("Origin", "https://dash.example")
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://dash.example");
  }

  // ---- helpers

  static ClientSecurity security(String token, String clientCert) {
    return new ClientSecurity(
        Optional.ofNullable(token),
        Optional.of(pki.pem("ca")),
        Optional.of(pki.pem(clientCert)),
        Optional.of(pki.key(clientCert)));
  }

  static IotSimClient grpc(ClientSecurity security) {
    return IotSimClient.connect(
        ClientSettings.of(runtime)
            .withSecurity(security)
            .withDeadline(Duration.ofSeconds(30))
            .withRetry(
                new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2)));
  }

  static HttpClient client(SSLContext ssl) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static HttpResponse<String> send(String method, String path, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(api.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  /** The status of a stream request, its body abandoned after the headers. */
  static int send(String method, String path, String token, String body, Duration timeout)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(api.resolve(path))
            .header("Authorization", "Bearer " + token)
            .timeout(timeout)
            .build();
    HttpResponse<InputStream> r = https.send(req, HttpResponse.BodyHandlers.ofInputStream());
    r.body().close();
    return r.statusCode();
  }

  /** An SSE stream; {@code token} null sends no Authorization header. */
  static InputStream openSse(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(api.resolve(path))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<InputStream> r = https.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      String body = new String(r.body().readAllBytes());
      throw new AssertionError("SSE " + path + " answered " + r.statusCode() + ": " + body);
    }
    return r.body();
  }

  static String readUntil(InputStream in, String prefix) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        if (line.toString().startsWith(prefix)) {
          return line.toString();
        }
        line.setLength(0);
      } else {
        line.append((char) c);
      }
    }
    throw new AssertionError("stream ended before a line starting with " + prefix);
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** The gRPC status a call fails with (it must fail). */
  static Status statusOf(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return Status.fromThrowable(e);
    }
    throw new AssertionError("the call succeeded");
  }

  static Status statusOf(java.util.function.Supplier<?> call) {
    return statusOf((Runnable) call::get);
  }
}
