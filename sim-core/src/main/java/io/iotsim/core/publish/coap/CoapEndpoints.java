package io.iotsim.core.publish.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/** The client side UDP (or DTLS) endpoint of a CoAP publisher. */
final class CoapEndpoints {

  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private CoapEndpoints() {}

  /**
   * Californium's defaults, without the Californium3.properties file that its standard
   * configuration would write into the working directory.
   */
  static Configuration configuration() {
    return Configuration.createStandardWithoutFile();
  }

  static CoapEndpoint client(CoapSettings settings) {
    Configuration config = configuration();
    CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(config);
    if (settings.secure()) {
      config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
      // Requests sent while the handshake runs wait in the connector; Scandium's default keeps
      // 10 and drops the rest silently, so let all our in-flight requests wait.
      config.set(
          DtlsConfig.DTLS_MAX_DEFERRED_OUTBOUND_APPLICATION_MESSAGES, settings.maxInFlight());
      DtlsConnectorConfig dtls =
          DtlsConnectorConfig.builder(config)
              .setAddress(new InetSocketAddress(0))
              .setAdvancedPskStore(
                  new AdvancedSinglePskStore(
                      settings.pskIdentity(), settings.pskKey().getBytes(StandardCharsets.UTF_8)))
              .build();
      builder.setConnector(new DTLSConnector(dtls));
    } else {
      builder.setInetSocketAddress(new InetSocketAddress(0));
    }
    return builder.build();
  }
}
