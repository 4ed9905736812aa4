package io.iotsim.core.publish.verify;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import io.iotsim.core.publish.amqp.AmqpSettings;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Subscribes back to the AMQP exchange the run publishes to: a server-named, exclusive, auto-delete
 * queue bound to the exchange, consumed with automatic acknowledgement. The queue lives as long as
 * this connection, so it never outlives the run; its binding exists before any device publishes, so
 * every message the exchange routes reaches it. The client's topology recovery declares a new queue
 * and binding after a reconnect; what the broker routed while the connection was down is lost with
 * the old queue and counted as missing.
 */
public final class AmqpSubscriber implements AutoCloseable {

  private final Connection connection;

  private AmqpSubscriber(Connection connection) {
    this.connection = connection;
  }

  /**
   * Declares the exchange as the publisher does (whichever comes first), binds a queue of its own
   * with {@code bindingKey} and starts consuming; returns once the broker confirmed the consumer.
   *
   * @param settings the same merged settings the run's AMQP publisher uses (exchange, type, url)
   * @param bindingKey for topic exchanges a pattern ({@code *} a word, {@code #} any words), for
   *     direct exchanges the exact routing key; fanout and headers exchanges ignore it
   * @param received takes each message's body, on the channel's consumer thread
   */
  public static AmqpSubscriber start(
      AmqpSettings settings, String bindingKey, Consumer<byte[]> received) throws Exception {
    Connection connection =
        settings.connectionFactory().newConnection("iot-sim verify " + settings.exchange());
    try {
      Channel channel = connection.createChannel();
      settings.declareExchange(channel);
      String queue = channel.queueDeclare("", false, true, true, null).getQueue();
      // A headers binding without arguments matches every message (x-match all of nothing).
      channel.queueBind(queue, settings.exchange(), bindingKey, Map.of());
      DeliverCallback deliver = (tag, message) -> received.accept(message.getBody());
      channel.basicConsume(queue, true, deliver, tag -> {});
      return new AmqpSubscriber(connection);
    } catch (Exception e) {
      connection.abort(1000);
      throw e;
    }
  }

  /** The binding key that takes every routing key a topic template resolves to. */
  public static String bindingKey(String exchangeType, String topicFilter) {
    String key = TopicFilters.amqpOf(topicFilter);
    return switch (exchangeType) {
      case "topic" -> key;
      case "direct" -> {
        if (key.contains("*") || key.contains("#")) {
          throw new IllegalArgumentException(
              "verify: a direct exchange routes on the exact key, and the topic '"
                  + topicFilter
                  + "' varies per device: use a topic exchange (amqp.exchange-type = topic)");
        }
        yield key;
      }
      default -> "";
    };
  }

  @Override
  public void close() {
    try {
      // the exclusive queue goes with the connection
      connection.close(5000);
    } catch (Exception e) {
      connection.abort(1000);
    }
  }
}
