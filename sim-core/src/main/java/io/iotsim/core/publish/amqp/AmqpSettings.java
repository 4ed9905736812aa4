package io.iotsim.core.publish.amqp;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.iotsim.core.publish.ProtocolSettings;
import io.iotsim.core.publish.PublisherContext;
import java.time.Duration;
import java.util.Set;

/** The {@code iot-sim.amqp} block merged with a profile's protocol_options, read once. */
record AmqpSettings(
    String url,
    String username,
    String password,
    Duration connectTimeout,
    String exchange,
    String exchangeType,
    boolean exchangeDurable,
    boolean persistent,
    int channels,
    int queueSize,
    int maxUnconfirmed,
    Duration confirmTimeout,
    Duration recoveryInitialDelay,
    Duration recoveryMaxDelay,
    Duration drainTimeout) {

  private static final Set<String> SECRET_KEYS = Set.of("url", "username", "password");
  private static final Set<String> EXCHANGE_TYPES = Set.of("topic", "direct", "fanout", "headers");

  static AmqpSettings from(PublisherContext context) {
    return from(ProtocolSettings.merged(context, "amqp", SECRET_KEYS));
  }

  static AmqpSettings from(Config c) {
    try {
      String url = c.getString("url");
      if (!(url.startsWith("amqp://") || url.startsWith("amqps://"))) {
        throw new IllegalArgumentException("amqp.url must be amqp:// or amqps://: " + url);
      }
      String type = c.getString("exchange-type");
      if (!EXCHANGE_TYPES.contains(type)) {
        throw new IllegalArgumentException("amqp.exchange-type must be one of " + EXCHANGE_TYPES);
      }
      return new AmqpSettings(
          url,
          c.getString("username"),
          c.getString("password"),
          c.getDuration("connect-timeout"),
          c.getString("exchange"),
          type,
          c.getBoolean("exchange-durable"),
          c.getBoolean("persistent"),
          ProtocolSettings.positive(c, "amqp", "channels"),
          ProtocolSettings.positive(c, "amqp", "queue-size"),
          ProtocolSettings.positive(c, "amqp", "max-unconfirmed"),
          c.getDuration("confirm-timeout"),
          c.getDuration("recovery-initial-delay"),
          c.getDuration("recovery-max-delay"),
          c.getDuration("drain-timeout"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid amqp setting: " + e.getMessage(), e);
    }
  }

  /** Exponential from the initial delay, capped, +/- 25% jitter. */
  long recoveryDelayMillis(int attempt) {
    long delay = recoveryInitialDelay.toMillis();
    for (int i = 0; i < attempt && delay < recoveryMaxDelay.toMillis(); i++) {
      delay <<= 1;
    }
    delay = Math.min(delay, recoveryMaxDelay.toMillis());
    return Math.max(1, (long) (delay * (0.75 + 0.5 * Math.random())));
  }
}
