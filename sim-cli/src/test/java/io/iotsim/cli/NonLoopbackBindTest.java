package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.http.HttpExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node reachable from other hosts must have a token: without one it refuses to start, saying what
 * to set; with one it serves, and only to callers that send it.
 */
class NonLoopbackBindTest {

  @Test
  void aNodeOnEveryAddressWithoutATokenRefusesToStart() {
    assertThatThrownBy(
            () ->
                TestNodes.start(
                    true,
                    Map.of(
                        "iot-sim.node.grpc.host", "0.0.0.0",
                        "iot-sim.node.http.host", "0.0.0.0",
                        "iot-sim.security.api-token", "",
                        "iot-sim.security.api-token-file", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to serve on 0.0.0.0")
        .hasMessageContaining("IOT_SIM_API_TOKEN");
  }

  @Test
  void aNodeOnEveryAddressWithATokenFileServesOnlyWithIt(@TempDir Path tmp) throws Exception {
    Path token = tmp.resolve("token");
    Files.writeString(token, "file-token\n");
    SimNode node =
        TestNodes.start(
            true,
            Map.of(
                "iot-sim.node.grpc.host", "0.0.0.0",
                "iot-sim.node.http.host", "0.0.0.0",
                "iot-sim.security.api-token", "",
                "iot-sim.security.api-token-file", token.toString()));
    try {
      URI status =
          URI.create(
              "http://127.0.0.1:"
                  + HttpExtension.address(node).orElseThrow().getPort()
                  + "/api/v1/status");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      var anonymous =
          http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      var withToken =
          http.send(
              HttpRequest.newBuilder(status).header("Authorization", "Bearer file-token").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(withToken.statusCode()).isEqualTo(200);
    } finally {
      node.close();
    }
  }

  @Test
  void anEmptyOrMissingTokenFileIsBadInputNamingTheKey(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty"), "  \n");
    CliRun r =
        CliRun.of(
            "node",
            "--grpc-port",
            "0",
            "--http-port",
            "0",
            "--remote-port",
            "0",
            "--management-port",
            "0",
            "--token-file",
            empty.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("iot-sim.security.api-token-file").contains("is empty");
    CliRun missing =
        CliRun.of(
            "node",
            "--grpc-port",
            "0",
            "--http-port",
            "0",
            "--remote-port",
            "0",
            "--management-port",
            "0",
            "--token-file",
            tmp.resolve("nope").toString());
    assertThat(missing.exitCode()).as(missing.err()).isEqualTo(2);
    assertThat(missing.err()).contains("iot-sim.security.api-token-file").contains("cannot read");
  }
}
