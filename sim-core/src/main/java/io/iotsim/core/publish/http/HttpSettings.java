package io.iotsim.core.publish.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.iotsim.core.publish.PublisherContext;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

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
    Map<String, Object> options = new HashMap<>();
    context
        .profileOptions()
        .forEach(
            (key, value) -> {
              String name = key.replace('_', '-');
              if (name.equals("token")) {
                throw new IllegalArgumentException(
                    "http.token cannot be set in a profile: set IOT_SIM_HTTP_TOKEN on the node");
              }
              options.put(name, value);
            });
    return from(ConfigFactory.parseMap(options).withFallback(context.settings().getConfig("http")));
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
          positive(c, "batch-size"),
          c.getDuration("linger"),
          positive(c, "queue-size"),
          positive(c, "parallelism"),
          positive(c, "max-connections"),
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

  private static int positive(Config c, String key) {
    int value = c.getInt(key);
    if (value < 1) {
      throw new IllegalArgumentException("http." + key + " must be at least 1: " + value);
    }
    return value;
  }
}
