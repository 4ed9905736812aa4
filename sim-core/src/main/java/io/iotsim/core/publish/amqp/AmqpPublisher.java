package io.iotsim.core.publish.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.iotsim.core.publish.DaemonThreads;
import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.publish.QueueingPublisher;
import io.iotsim.core.publish.SendQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AMQP 0-9-1 publisher (RabbitMQ's Java client): readings go to a declared exchange with the topic
 * as routing key ({@code /} to {@code .}). Devices only enqueue; {@code channels} sender threads,
 * each owning one confirm-mode channel, take from their own part of the bounded queue and publish.
 * A device's readings always go to the same part (by its id), so one sender publishes them in
 * order: a consumer, or {@code --verify}, sees no reordering the simulator made. Confirms settle
 * asynchronously ({@link ConfirmingChannel}). The client's automatic recovery reconnects; the
 * senders wait for it and send what was queued or unconfirmed meanwhile.
 */
final class AmqpPublisher extends QueueingPublisher {

  private static final Logger log = LoggerFactory.getLogger(AmqpPublisher.class);
  private static final int BATCH = 256;

  private final AmqpSettings settings;

  /** One part per sender; together they hold {@code queue-size}. */
  private final SendQueue[] queues;

  private final Queue<QueuedReading> resend = new ConcurrentLinkedQueue<>();
  private final ConnectionFactory factory;
  private final List<Thread> senders = new ArrayList<>();
  private final List<ConfirmingChannel> channels = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timeouts;
  private volatile Connection connection;

  AmqpPublisher(AmqpSettings settings) {
    super("amqp");
    this.settings = settings;
    this.queues = new SendQueue[settings.channels()];
    for (int i = 0; i < queues.length; i++) {
      queues[i] = new SendQueue(Math.max(1, settings.queueSize() / queues.length), stats);
    }
    this.factory = settings.connectionFactory();
    stats.queueDepth(() -> queued() + resend.size());
    this.timeouts =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("iot-sim-amqp-confirm-timeouts"));
    long period = Math.max(100, settings.confirmTimeout().toMillis() / 4);
    timeouts.scheduleAtFixedRate(this::expireUnconfirmed, period, period, TimeUnit.MILLISECONDS);
    for (int i = 0; i < settings.channels(); i++) {
      SendQueue own = queues[i];
      Thread sender = DaemonThreads.named("iot-sim-amqp-sender-" + i, () -> sendLoop(own));
      senders.add(sender);
      sender.start();
    }
  }

  @Override
  protected boolean enqueue(QueuedReading reading) {
    queues[Math.floorMod(reading.deviceId().hashCode(), queues.length)].offer(
        reading, holdWhenFull());
    return true;
  }

  private int queued() {
    int n = 0;
    for (SendQueue q : queues) {
      n += q.size();
    }
    return n;
  }

  @Override
  public double queueFill() {
    double fullest = 0;
    for (SendQueue q : queues) {
      fullest = Math.max(fullest, q.fill(resend.size()));
    }
    return fullest;
  }

  @Override
  public long room() {
    long room = 0;
    for (SendQueue q : queues) {
      room += q.room(0);
    }
    return Math.max(0, room - resend.size());
  }

  /** MQTT-style topic levels become AMQP topic-exchange words: {@code a/b/c -> a.b.c}. */
  static String routingKeyOf(String topic) {
    return topic.replace('/', '.');
  }

  @Override
  public void close() {
    stopTakingAndDrain(settings.drainTimeout(), this::drained);
    senders.forEach(Thread::interrupt);
    for (Thread sender : senders) {
      try {
        sender.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (SendQueue q : queues) {
      q.dropRemaining();
    }
    while (resend.poll() != null) {
      stats.dropped(io.iotsim.core.publish.PublisherStats.DropReason.SHUTDOWN);
    }
    channels.forEach(ConfirmingChannel::close);
    timeouts.shutdownNow();
    Connection open = connection;
    if (open != null) {
      try {
        open.close(1000);
      } catch (Exception e) {
        open.abort(1000);
      }
    }
  }

  private boolean drained() {
    return queued() == 0
        && resend.isEmpty()
        && channels.stream().allMatch(c -> c.unconfirmedCount() == 0);
  }

  /** One sender thread: owns one channel, moves its part's messages into it until closed. */
  private void sendLoop(SendQueue queue) {
    ConfirmingChannel channel = null;
    int failures = 0;
    ArrayDeque<QueuedReading> batch = new ArrayDeque<>(BATCH);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (channel == null) {
          channel = new ConfirmingChannel(connection(), settings, stats, resend);
          channels.add(channel);
        }
        if (!channel.isOpen()) {
          // automatic recovery is bringing the channel back
          pause(failures++);
          continue;
        }
        if (batch.isEmpty()) {
          takeBatch(queue, batch);
        }
        while (!batch.isEmpty()) {
          channel.publish(batch.peekFirst());
          batch.pollFirst();
        }
        failures = 0;
      } catch (InterruptedException e) {
        break;
      } catch (Exception e) {
        // Broker unreachable or connection lost: keep the batch, wait, try again.
        if (failures == 0) {
          log.warn("AMQP publishing paused: {}", e.toString());
        }
        pause(failures++);
      }
    }
    resend.addAll(batch);
  }

  private void takeBatch(SendQueue queue, ArrayDeque<QueuedReading> batch)
      throws InterruptedException {
    QueuedReading first = resend.poll();
    if (first == null) {
      first = queue.poll(100, TimeUnit.MILLISECONDS);
    }
    if (first == null) {
      return;
    }
    batch.add(first);
    QueuedReading next;
    while (batch.size() < BATCH && (next = resend.poll()) != null) {
      batch.add(next);
    }
    queue.drainTo(batch, BATCH - batch.size());
  }

  /** The shared connection, opened by the first sender that needs it (blocking, on its thread). */
  private synchronized Connection connection() throws Exception {
    if (connection == null) {
      // Named after the exchange, so an operator can tell the simulator's connections apart.
      Connection opened = factory.newConnection("iot-sim " + settings.exchange());
      if (opened instanceof Recoverable recoverable) {
        recoverable.addRecoveryListener(
            new RecoveryListener() {
              @Override
              public void handleRecovery(Recoverable recovered) {
                stats.reconnected();
              }

              @Override
              public void handleRecoveryStarted(Recoverable recovering) {}
            });
      }
      try (var declare = opened.createChannel()) {
        settings.declareExchange(declare);
      }
      connection = opened;
    }
    return connection;
  }

  private void expireUnconfirmed() {
    long cutoff = System.nanoTime() - settings.confirmTimeout().toNanos();
    channels.forEach(c -> c.expireOlderThan(cutoff));
  }

  private void pause(int failures) {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(settings.recoveryDelayMillis(failures)));
  }
}
