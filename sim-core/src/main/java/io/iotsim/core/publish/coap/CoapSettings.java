package io.iotsim.core.publish.coap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.iotsim.core.publish.ProtocolSettings;
import io.iotsim.core.publish.PublisherContext;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code iot-sim.coap} block merged with a profile's protocol_options, read once.
 *
 * @param endpoint URI template; {@code {device_id}} is replaced per reading
 */
record CoapSettings(
    String endpoint,
    boolean secure,
    boolean confirmable,
    int maxInFlight,
    int queueSize,
    String pskIdentity,
    String pskKey,
    Duration drainTimeout) {

  private static final Set<String> SECRET_KEYS = Set.of("psk-identity", "psk-key");

  static CoapSettings from(PublisherContext context) {
    return from(ProtocolSettings.merged(context, "coap", SECRET_KEYS));
  }

  static CoapSettings from(Config c) {
    try {
      String endpoint = c.getString("endpoint");
      URI uri = URI.create(endpoint.replace("{device_id}", "device"));
      boolean secure = "coaps".equals(uri.getScheme());
      if (!(secure || "coap".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "coap.endpoint must be a coap:// or coaps:// URI: " + endpoint);
      }
      String identity = c.getString("psk-identity");
      String key = c.getString("psk-key");
      if (secure && (identity.isEmpty() || key.isEmpty())) {
        throw new IllegalArgumentException(
            "coap.psk-identity and coap.psk-key are required for coaps:// (IOT_SIM_COAP_PSK_*)");
      }
      int maxInFlight = c.getInt("max-in-flight");
      int queueSize = c.getInt("queue-size");
      if (maxInFlight < 1 || queueSize < 1) {
        throw new IllegalArgumentException(
            "coap.max-in-flight and coap.queue-size must be at least 1");
      }
      return new CoapSettings(
          endpoint,
          secure,
          c.getBoolean("confirmable"),
          maxInFlight,
          queueSize,
          identity,
          key,
          c.getDuration("drain-timeout"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid coap setting: " + e.getMessage(), e);
    }
  }

  String uriOf(String deviceId) {
    return endpoint.replace("{device_id}", deviceId);
  }
}
