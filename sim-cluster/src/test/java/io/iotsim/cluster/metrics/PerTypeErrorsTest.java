package io.iotsim.cluster.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.profile.ProfileLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two device types share one CoAP publisher; a real CoAP server refuses every reading of one of
 * them. The errors are that type's, the successes the other's: counted where the outcome is known,
 * not shared out by volume.
 */
class PerTypeErrorsTest {

  static CoapServer server;
  static CoapEndpoint endpoint;
  static SimNode node;
  static NodeMetrics metrics;

  @BeforeAll
  static void start() throws Exception {
    org.eclipse.californium.core.config.CoapConfig.register();
    org.eclipse.californium.elements.config.UdpConfig.register();
    var config = org.eclipse.californium.elements.config.Configuration.createStandardWithoutFile();
    endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(config)
            .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
            .build();
    server = new CoapServer(config);
    server.addEndpoint(endpoint);
    server.add(new Telemetry());
    server.start();
    node =
        TestNodes.start(
            false, Map.of("iot-sim.node.output", "protocol", "iot-sim.node.speed", "10"));
    metrics =
        NodeMetrics.start(
            node,
            new MetricsSettings(
                true, Duration.ofMillis(200), Duration.ofSeconds(1), true, false, false));
    node.fleet()
        .spawn(profile("attr_good"), 10, Map.of())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    node.fleet()
        .spawn(profile("attr_bad"), 1, Map.of())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  static io.iotsim.core.profile.DeviceProfile profile(String type) {
    String yaml =
        "type: "
            + type
            + "\n"
            + "protocol: coap\n"
            + "protocol_options: {endpoint: \"coap://127.0.0.1:"
            + endpoint.getAddress().getPort()
            + "/telemetry/{device_id}\"}\n"
            + "telemetry_interval: 1s\n"
            + "telemetry_fields:\n"
            + "  t: {type: gaussian, mean: 1, stddev: 0.1}\n";
    return ProfileLoader.parse(yaml, type);
  }

  @AfterAll
  static void stop() {
    metrics.close();
    node.close();
    server.destroy();
  }

  @Test
  void errorsBelongToTheTypeWhoseReadingsFailed() {
    // one scrape holds all: the bad type's errors and the good type's successes, and neither the
    // other
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.parse(metrics.scrape());
              assertThat(
                      count(
                          m,
                          "sim_messages_sent_total",
                          "device_type",
                          "attr_bad",
                          "protocol",
                          "coap",
                          "status",
                          "error"))
                  .isGreaterThan(5.0);
              assertThat(
                      count(
                          m,
                          "sim_device_errors_total",
                          "device_type",
                          "attr_bad",
                          "error_type",
                          "publish"))
                  .isGreaterThan(5.0);
              assertThat(
                      count(
                          m,
                          "sim_messages_sent_total",
                          "device_type",
                          "attr_good",
                          "protocol",
                          "coap",
                          "status",
                          "success"))
                  .isGreaterThan(50.0);
              assertThat(
                      count(
                          m,
                          "sim_messages_sent_total",
                          "device_type",
                          "attr_good",
                          "protocol",
                          "coap",
                          "status",
                          "error"))
                  .isZero();
              assertThat(
                      count(
                          m,
                          "sim_device_errors_total",
                          "device_type",
                          "attr_good",
                          "error_type",
                          "publish"))
                  .isZero();
              assertThat(
                      count(
                          m,
                          "sim_messages_sent_total",
                          "device_type",
                          "attr_bad",
                          "protocol",
                          "coap",
                          "status",
                          "success"))
                  .isZero();
            });
  }

  /** A counter's value; a series never incremented may be absent, which counts as zero. */
  static double count(PrometheusText m, String name, String... labels) {
    double v = m.value(name, labels);
    return Double.isNaN(v) ? 0 : v;
  }

  /** {@code /telemetry/<device>}: refuses the readings of attr_bad devices, takes the rest. */
  private static final class Telemetry extends CoapResource {

    Telemetry() {
      super("telemetry");
    }

    @Override
    public Resource getChild(String name) {
      return this;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
      List<String> path = exchange.getRequestOptions().getUriPath();
      boolean bad = path.get(path.size() - 1).startsWith("attr_bad");
      exchange.respond(bad ? CoAP.ResponseCode.FORBIDDEN : CoAP.ResponseCode.CHANGED);
    }
  }
}
