package io.iotsim.core.publish.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.iotsim.core.publish.ProtocolSettings;
import io.iotsim.core.publish.PublisherContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code iot-sim.amqp} block merged with a profile's protocol_options, read once. Public for
 * delivery verification, which binds to the same exchange the publisher declares.
 */
public record AmqpSettings(
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

  public static AmqpSettings from(PublisherContext context) {
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

  /**
   * A connection factory for this broker: credentials, timeouts and automatic recovery (with
   * topology recovery, so server-named queues and their bindings come back too).
   */
  public ConnectionFactory connectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(url);
    } catch (Exception e) {
      throw new IllegalArgumentException("amqp.url is not a valid AMQP URI: " + e.getMessage(), e);
    }
    if (!username.isEmpty()) {
      factory.setUsername(username);
    }
    if (!password.isEmpty()) {
      factory.setPassword(password);
    }
    factory.setConnectionTimeout((int) connectTimeout.toMillis());
    factory.setHandshakeTimeout((int) connectTimeout.toMillis());
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setRecoveryDelayHandler(this::recoveryDelayMillis);
    return factory;
  }

  /**
   * Declares the exchange as the publisher uses it; the same arguments make a second declaration
   * (the verifying subscriber's, which may come first) a no-op.
   */
  public void declareExchange(Channel channel) throws IOException {
    channel.exchangeDeclare(exchange, exchangeType, exchangeDurable);
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
