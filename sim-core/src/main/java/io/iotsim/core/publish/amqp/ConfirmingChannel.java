package io.iotsim.core.publish.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.QueuedReading;
import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One publishing channel in confirm mode, used by exactly one sending thread (channels are not
 * meant to be shared). Unconfirmed messages wait in a map by delivery tag; the broker's acks (often
 * "multiple": everything up to a tag) settle them asynchronously on the connection's thread. A nack
 * or a timeout counts an error; messages whose channel died unconfirmed go back to the publisher's
 * resend queue (the new channel after recovery numbers its tags afresh).
 */
final class ConfirmingChannel implements ConfirmListener {

  private record Pending(QueuedReading message, long sentNanos) {}

  private final Channel channel;
  private final AmqpSettings settings;
  private final PublisherStats stats;
  private final Queue<QueuedReading> resend;
  private final Semaphore unconfirmed;
  private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

  ConfirmingChannel(
      Connection connection,
      AmqpSettings settings,
      PublisherStats stats,
      Queue<QueuedReading> resend)
      throws IOException {
    this.settings = settings;
    this.stats = stats;
    this.resend = resend;
    this.unconfirmed = new Semaphore(settings.maxUnconfirmed());
    this.channel = connection.createChannel();
    channel.confirmSelect();
    channel.addConfirmListener(this);
    // Fires when the channel's underlying connection or channel dies (before any recovery).
    channel.addShutdownListener(cause -> requeuePending());
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Publishes on the calling (sender) thread; waits while max-unconfirmed messages are out.
   *
   * @throws IOException or an unchecked AlreadyClosedException while the connection is down
   */
  void publish(QueuedReading message) throws IOException, InterruptedException {
    while (!unconfirmed.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (!channel.isOpen()) {
        throw new IOException("channel closed while waiting for confirms");
      }
    }
    long tag = channel.getNextPublishSeqNo();
    pending.put(tag, new Pending(message, System.nanoTime()));
    try {
      channel.basicPublish(
          settings.exchange(),
          AmqpPublisher.routingKeyOf(message.topic()),
          properties(message),
          message.payload());
    } catch (IOException | RuntimeException e) {
      if (pending.remove(tag) != null) {
        unconfirmed.release();
      }
      throw e;
    }
  }

  @Override
  public void handleAck(long deliveryTag, boolean multiple) {
    settle(deliveryTag, multiple, true);
  }

  @Override
  public void handleNack(long deliveryTag, boolean multiple) {
    settle(deliveryTag, multiple, false);
  }

  /** Counts as errors the messages unconfirmed for longer than confirm-timeout. */
  void expireOlderThan(long cutoffNanos) {
    for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
      if (entry.getValue().sentNanos() < cutoffNanos && pending.remove(entry.getKey()) != null) {
        unconfirmed.release();
        stats.sentError(entry.getValue().message().deviceType());
      }
    }
  }

  int unconfirmedCount() {
    return pending.size();
  }

  void close() {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (Exception e) {
      // the connection is closing anyway
    }
  }

  private void settle(long deliveryTag, boolean multiple, boolean ack) {
    long now = System.nanoTime();
    Map<Long, Pending> settled =
        multiple ? pending.headMap(deliveryTag, true) : subMap(deliveryTag);
    for (Map.Entry<Long, Pending> entry : settled.entrySet()) {
      if (pending.remove(entry.getKey()) != null) {
        unconfirmed.release();
        if (ack) {
          stats.acknowledged();
          stats.sentOk(
              entry.getValue().message().deviceType(),
              now - entry.getValue().message().handedOverNanos());
        } else {
          stats.sentError(entry.getValue().message().deviceType());
        }
      }
    }
  }

  private Map<Long, Pending> subMap(long deliveryTag) {
    return pending.subMap(deliveryTag, true, deliveryTag, true);
  }

  private void requeuePending() {
    for (Long tag : pending.keySet()) {
      Pending lost = pending.remove(tag);
      if (lost != null) {
        unconfirmed.release();
        resend.add(lost.message());
      }
    }
  }

  private AMQP.BasicProperties properties(QueuedReading message) {
    return new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .deliveryMode(settings.persistent() ? 2 : 1)
        .messageId(message.deviceId() + ":" + message.sequence())
        .headers(Map.of("device_id", message.deviceId()))
        .build();
  }
}
