package io.iotsim.core.publish.mqtt;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.iotsim.core.publish.ProtocolSettings;
import io.iotsim.core.publish.PublisherContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code iot-sim.mqtt} block merged with a profile's protocol_options, read once.
 *
 * @param ssl true for {@code ssl://} (TLS per {@link #tls})
 */
record MqttSettings(
    String url,
    String host,
    int port,
    boolean ssl,
    Connection connection,
    Version version,
    int poolSize,
    int queueSize,
    int maxInflight,
    String clientIdPrefix,
    Duration keepalive,
    Duration connectTimeout,
    boolean cleanSession,
    Duration sessionExpiry,
    String username,
    String password,
    Backoff reconnect,
    boolean commands,
    CommandTopic commandTopic,
    String willTopic,
    int sourceAddresses,
    int nettyThreads,
    int senderThreads,
    Duration drainTimeout,
    Tls tls,
    int connectRate) {

  enum Connection {
    POOLED,
    PER_DEVICE
  }

  enum Version {
    V3_1_1,
    V5
  }

  /** PEM paths; empty strings when not set. */
  record Tls(String caCert, String clientCert, String clientKey, boolean verifyHostname) {
    boolean mutual() {
      return !clientCert.isEmpty();
    }
  }

  /** Keys a profile may not set: secrets come from the node's environment. */
  private static final Set<String> SECRET_KEYS = Set.of("password", "username");

  static MqttSettings from(PublisherContext context) {
    return from(ProtocolSettings.merged(context, "mqtt", SECRET_KEYS));
  }

  static MqttSettings from(Config c) {
    try {
      String url = c.getString("url");
      URI uri = parseUrl(url);
      boolean ssl = uri.getScheme().equals("ssl");
      int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 8883 : 1883;
      int poolSize = ProtocolSettings.positive(c, "mqtt", "pool-size");
      int queueSize = ProtocolSettings.positive(c, "mqtt", "queue-size");
      int maxInflight = ProtocolSettings.positive(c, "mqtt", "max-inflight");
      int sourceAddresses = ProtocolSettings.positive(c, "mqtt", "source-addresses");
      if (sourceAddresses > 254) {
        throw new IllegalArgumentException("mqtt.source-addresses must be at most 254");
      }
      Duration keepalive = c.getDuration("keepalive");
      if (keepalive.getSeconds() > 65535) {
        throw new IllegalArgumentException("mqtt.keepalive must be at most 65535s");
      }
      return new MqttSettings(
          url,
          uri.getHost(),
          port,
          ssl,
          connection(c.getString("connection")),
          version(c.getString("version")),
          poolSize,
          queueSize,
          maxInflight,
          c.getString("client-id-prefix"),
          keepalive,
          c.getDuration("connect-timeout"),
          c.getBoolean("clean-session"),
          c.getDuration("session-expiry"),
          c.getString("username"),
          c.getString("password"),
          new Backoff(
              c.getDuration("reconnect.initial-delay"),
              c.getDuration("reconnect.max-delay"),
              c.getDouble("reconnect.jitter")),
          c.getBoolean("commands"),
          new CommandTopic(c.getString("command-topic")),
          c.getString("will-topic"),
          sourceAddresses,
          nonNegative(c, "netty-threads"),
          ProtocolSettings.positive(c, "mqtt", "sender-threads"),
          c.getDuration("drain-timeout"),
          new Tls(
              c.getString("tls.ca-cert"),
              c.getString("tls.client-cert"),
              c.getString("tls.client-key"),
              c.getBoolean("tls.verify-hostname")),
          ProtocolSettings.positive(c, "mqtt", "connect-rate"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid mqtt setting: " + e.getMessage(), e);
    }
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("tcp")
              || scheme.equals("ssl")
              || scheme.equals("mqtt")
              || scheme.equals("mqtts"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "mqtt.url must be tcp://host:port or ssl://host:port: " + url);
      }
      // mqtt:// and mqtts:// are common spellings of the same two.
      if (scheme.startsWith("mqtt")) {
        return new URI(
            scheme.equals("mqtts") ? "ssl" : "tcp",
            null,
            uri.getHost(),
            uri.getPort(),
            null,
            null,
            null);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("mqtt.url is not a URL: " + url, e);
    }
  }

  private static Connection connection(String value) {
    return switch (value.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "pooled" -> Connection.POOLED;
      case "per_device" -> Connection.PER_DEVICE;
      default ->
          throw new IllegalArgumentException(
              "mqtt.connection must be pooled or per_device: " + value);
    };
  }

  private static Version version(String value) {
    return switch (value.trim()) {
      case "3", "3.1.1", "4" -> Version.V3_1_1;
      case "5", "5.0" -> Version.V5;
      default -> throw new IllegalArgumentException("mqtt.version must be 3.1.1 or 5: " + value);
    };
  }

  private static int nonNegative(Config c, String key) {
    int value = c.getInt(key);
    if (value < 0) {
      throw new IllegalArgumentException("mqtt." + key + " must not be negative: " + value);
    }
    return value;
  }
}
