package io.iotsim.core.publish.mqtt;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.exceptions.MqttSessionExpiredException;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.QueuedReading;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection and the messages waiting for it. Devices offer on their own threads and return at
 * once; a sender thread moves messages into the MQTT client while the connection is up and fewer
 * than max-inflight are unacknowledged. While the connection is down messages stay here (bounded by
 * the publisher's {@link QueueBudget}, the oldest of this lane dropped first) and go out after the
 * reconnect; messages that were in flight when it dropped are sent again first.
 *
 * <p>Draining follows the actor-mailbox pattern: at most one drain of a lane is scheduled at a time
 * ({@link #scheduled}), and every event that may let more messages out (an offer, an ack, a
 * reconnect) schedules one if none is.
 */
final class SendLane implements MqttLink.Listener {

  /** Messages one drain moves before yielding the sender thread to other lanes. */
  private static final int DRAIN_BATCH = 256;

  private final ConcurrentLinkedDeque<QueuedReading> queue = new ConcurrentLinkedDeque<>();
  private final Queue<QueuedReading> resend = new ConcurrentLinkedQueue<>();
  private final Shared shared;
  private final ConnectHook onConnected;
  private final AtomicInteger inflight = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean everConnected = new AtomicBoolean();
  private volatile MqttLink link;
  private volatile boolean connected;
  private volatile boolean closed;

  /**
   * What all lanes of a publisher share: its queue budget, its stats, its sender threads and how
   * many unacknowledged messages a connection may have.
   */
  record Shared(QueueBudget budget, PublisherStats stats, Executor sender, int maxInflight) {}

  SendLane(Shared shared, ConnectHook onConnected) {
    this.shared = shared;
    this.onConnected = onConnected;
  }

  /** Runs on every (re)connect, on a client thread; {@code first} on the first one only. */
  @FunctionalInterface
  interface ConnectHook {
    void connected(boolean first);
  }

  /** Binds the lane to its link (built with this lane as listener) and starts connecting. */
  void start(MqttLink link) {
    bind(link);
    connectNow();
  }

  /** Binds the lane to its link without connecting yet (a paced connect follows). */
  void bind(MqttLink link) {
    this.link = link;
  }

  /** Starts connecting the bound link, unless the lane was closed while it waited. */
  void connectNow() {
    if (closed) {
      return;
    }
    link.connect()
        .exceptionally(
            e -> null); // a failed first connect is retried by the link's disconnected listener
  }

  MqttLink link() {
    return link;
  }

  /**
   * Queues a message. When the publisher's budget is exhausted the oldest message of this lane
   * makes room (drop-oldest); if this lane has none, the new message is dropped.
   *
   * @return false when {@code message} itself was dropped
   */
  boolean offer(QueuedReading message, boolean hold) {
    if (!shared.budget().tryAcquire()) {
      if (hold) {
        // speed max: the scheduler bounds what is queued, so nothing is dropped for room
        shared.budget().forceAcquire();
      } else if (queue.pollFirst() == null) {
        shared.stats().dropped(dropReason());
        return false;
      } else {
        shared.stats().dropped(dropReason()); // the oldest went; its slot passes to the new one
      }
    }
    queue.offerLast(message);
    signal();
    return true;
  }

  /** A full queue behind a connection that is down lost its reading to the disconnect. */
  private PublisherStats.DropReason dropReason() {
    return connected
        ? PublisherStats.DropReason.QUEUE_FULL
        : PublisherStats.DropReason.DISCONNECTED;
  }

  @Override
  public void onConnected() {
    connected = true;
    boolean first = everConnected.compareAndSet(false, true);
    if (!first) {
      shared.stats().reconnected();
    }
    onConnected.connected(first);
    signal();
  }

  @Override
  public void onDisconnected(Throwable cause) {
    connected = false;
  }

  boolean isConnected() {
    return connected;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Nothing queued and nothing unacknowledged. */
  boolean isIdle() {
    return queue.isEmpty() && resend.isEmpty() && inflight.get() == 0;
  }

  /** Stops resending; what is still queued is counted as dropped. Returns the link to close. */
  MqttLink close() {
    closed = true;
    int left = 0;
    while (queue.pollFirst() != null) {
      shared.budget().release();
      left++;
    }
    while (resend.poll() != null) {
      shared.budget().release();
      left++;
    }
    for (int i = 0; i < left; i++) {
      shared.stats().dropped(PublisherStats.DropReason.SHUTDOWN);
    }
    return link;
  }

  private void signal() {
    if (connected && !closed && scheduled.compareAndSet(false, true)) {
      shared.sender().execute(this::drain);
    }
  }

  private void drain() {
    try {
      int moved = 0;
      while (moved < DRAIN_BATCH && connected && !closed && inflight.get() < shared.maxInflight()) {
        QueuedReading next = resend.poll();
        if (next == null) {
          next = queue.pollFirst();
        }
        if (next == null) {
          break;
        }
        shared.budget().release();
        send(next);
        moved++;
      }
    } finally {
      scheduled.set(false);
    }
    // An offer or ack that raced with the end of the loop found `scheduled` still set.
    if ((!queue.isEmpty() || !resend.isEmpty()) && inflight.get() < shared.maxInflight()) {
      signal();
    }
  }

  private void send(QueuedReading message) {
    inflight.incrementAndGet();
    CompletableFuture<Void> sent;
    try {
      sent = link.publish(message.topic(), message.qos(), message.payload());
    } catch (RuntimeException invalid) {
      // e.g. a topic with wildcards: the client refuses it before sending
      inflight.decrementAndGet();
      shared.stats().sentError(message.deviceType());
      return;
    }
    sent.whenComplete(
        (ok, error) -> {
          inflight.decrementAndGet();
          if (error == null) {
            if (message.qos() > 0) {
              shared.stats().acknowledged();
            }
            shared
                .stats()
                .sentOk(message.deviceType(), System.nanoTime() - message.handedOverNanos());
          } else if (!closed && isConnectionLoss(error)) {
            shared.budget().forceAcquire();
            resend.add(message);
          } else {
            shared.stats().sentError(message.deviceType());
          }
          signal();
        });
  }

  /** Failures that say nothing about the message: it is sent again once reconnected. */
  static boolean isConnectionLoss(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof ConnectionClosedException
        || cause instanceof ConnectionFailedException
        || cause instanceof MqttClientStateException
        || cause instanceof MqttSessionExpiredException;
  }
}
