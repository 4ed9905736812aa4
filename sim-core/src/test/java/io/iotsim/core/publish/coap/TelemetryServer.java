package io.iotsim.core.publish.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/** An in-process CoAP server recording every POST to {@code /telemetry/<device>}. */
final class TelemetryServer implements AutoCloseable {

  record Post(String device, CoAP.Type type, String payload) {}

  private final Queue<Post> posts = new ConcurrentLinkedQueue<>();
  private final CoapServer server;
  private final CoapEndpoint endpoint;

  private TelemetryServer(CoapEndpoint endpoint) {
    this.endpoint = endpoint;
    this.server = new CoapServer(CoapEndpoints.configuration());
    server.addEndpoint(endpoint);
    server.add(new Telemetry());
    server.start();
  }

  static TelemetryServer plain() {
    return new TelemetryServer(
        new CoapEndpoint.Builder()
            .setConfiguration(CoapEndpoints.configuration())
            .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
            .build());
  }

  static TelemetryServer dtls(String identity, String key) {
    Configuration config = CoapEndpoints.configuration();
    config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
    AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
    keys.setKey(identity, key.getBytes(StandardCharsets.UTF_8));
    DtlsConnectorConfig dtls =
        DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress("127.0.0.1", 0))
            .setAdvancedPskStore(keys)
            .build();
    return new TelemetryServer(
        new CoapEndpoint.Builder()
            .setConfiguration(config)
            .setConnector(new DTLSConnector(dtls))
            .build());
  }

  int port() {
    return endpoint.getAddress().getPort();
  }

  List<Post> posts() {
    return List.copyOf(posts);
  }

  @Override
  public void close() {
    server.destroy();
  }

  /** {@code /telemetry} and any child path: the device id is the last path segment. */
  private final class Telemetry extends CoapResource {

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
      posts.add(
          new Post(
              path.get(path.size() - 1),
              exchange.advanced().getRequest().getType(),
              exchange.getRequestText()));
      exchange.respond(CoAP.ResponseCode.CHANGED);
    }
  }
}
