package io.iotsim.core.publish.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.iotsim.core.publish.ProtocolSettings;
import io.iotsim.core.publish.PublisherContext;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code iot-sim.http} block merged with a profile's protocol_options, read once. */
record HttpSettings(
    URI endpoint,
    int batchSize,
    Duration linger,
    int queueSize,
    int parallelism,
    int maxConnections,
    Duration requestTimeout,
    int maxRetries,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    String token,
    Map<String, String> headers,
    Duration drainTimeout) {

  static HttpSettings from(PublisherContext context) {
    return from(ProtocolSettings.merged(context, "http", Set.of("token")));
  }

  static HttpSettings from(Config c) {
    try {
      URI endpoint = URI.create(c.getString("endpoint"));
      if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "http.endpoint must be an http:// or https:// URL: " + endpoint);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, ConfigValue> header : c.getConfig("headers").entrySet()) {
        headers.put(
            header.getKey().replace("\"", ""), String.valueOf(header.getValue().unwrapped()));
      }
      int maxRetries = c.getInt("max-retries");
      if (maxRetries < 0) {
        throw new IllegalArgumentException("http.max-retries must not be negative");
      }
      return new HttpSettings(
          endpoint,
          ProtocolSettings.positive(c, "http", "batch-size"),
          c.getDuration("linger"),
          ProtocolSettings.positive(c, "http", "queue-size"),
          ProtocolSettings.positive(c, "http", "parallelism"),
          ProtocolSettings.positive(c, "http", "max-connections"),
          c.getDuration("request-timeout"),
          maxRetries,
          c.getDuration("retry-initial-delay"),
          c.getDuration("retry-max-delay"),
          c.getString("token"),
          Map.copyOf(headers),
          c.getDuration("drain-timeout"));
    } catch (ConfigException | IllegalArgumentException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("http.")) {
        throw iae;
      }
      throw new IllegalArgumentException("invalid http setting: " + e.getMessage(), e);
    }
  }

  /** Backoff before retry {@code attempt} (1-based): exponential, capped, +/- 25% jitter. */
  long retryDelayMillis(int attempt) {
    long delay = retryInitialDelay.toMillis();
    for (int i = 1; i < attempt && delay < retryMaxDelay.toMillis(); i++) {
      delay <<= 1;
    }
    delay = Math.min(delay, retryMaxDelay.toMillis());
    return Math.max(1, (long) (delay * (0.75 + 0.5 * Math.random())));
  }
}
