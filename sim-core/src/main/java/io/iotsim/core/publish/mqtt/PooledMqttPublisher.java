package io.iotsim.core.publish.mqtt;

import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.publish.QueueingPublisher;
import io.iotsim.core.seed.Fnv1a64;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT pool: pool-size persistent connections shared by all devices of the publisher, a device
 * always on connection {@code fnv1a64(deviceId) mod pool-size} (so its messages stay in order and
 * its commands come back on the same connection).
 *
 * <p>Commands: every connection subscribes to the wildcard command filter, so the broker sends a
 * command to each of them; only the connection that owns the device (by the same hash) and has it
 * attached handles it, and the copies on the other connections are ignored.
 */
final class PooledMqttPublisher extends QueueingPublisher {

  private static final Logger log = LoggerFactory.getLogger(PooledMqttPublisher.class);

  private final MqttSettings settings;
  private final QueueBudget budget;
  private final ExecutorService sender;
  private final SendLane.Shared shared;
  private final SendLane[] lanes;
  private final Map<String, DeviceLink> devices = new ConcurrentHashMap<>();
  private final CommandHandler commands = new CommandHandler();
  private final AtomicInteger commandSubscriptions = new AtomicInteger();

  PooledMqttPublisher(MqttSettings settings) {
    super("mqtt");
    this.settings = settings;
    this.budget = new QueueBudget(settings.queueSize());
    this.sender = SenderThreads.create("iot-sim-mqtt-sender", settings.senderThreads());
    this.shared = new SendLane.Shared(budget, stats, sender, settings.maxInflight());
    this.lanes = new SendLane[settings.poolSize()];
    stats.queueDepth(budget::used);
    stats.connections(this::connectedCount, () -> lanes.length - connectedCount());
    // Unique per publisher: two publishers (two nodes, two profiles) must not take over each
    // other's connections by reusing a client id.
    String clientIdBase =
        settings.clientIdPrefix()
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    MqttLinks links = new MqttLinks(settings);
    for (int i = 0; i < lanes.length; i++) {
      int index = i;
      SendLane lane =
          new SendLane(
              shared,
              first -> {
                if (first) subscribeCommands(index);
              });
      lanes[i] = lane;
      LinkOptions options =
          new LinkOptions(
              clientIdBase + "-" + i, settings.username(), settings.password(), null, null, null);
      lane.start(links.create(options, lane));
    }
  }

  @Override
  protected boolean enqueue(QueuedReading reading) {
    return lanes[Fnv1a64.bucket(reading.deviceId(), lanes.length)].offer(reading, holdWhenFull());
  }

  @Override
  public double queueFill() {
    return budget.fill();
  }

  @Override
  public long room() {
    return budget.room();
  }

  @Override
  public void attach(DeviceLink device) {
    devices.put(device.deviceId(), device);
  }

  @Override
  public void detach(String deviceId) {
    devices.remove(deviceId);
  }

  /** Commands acknowledged and handed to devices since start. */
  long commandsHandled() {
    return commands.handledCount();
  }

  /** Connections that are up now. */
  long connectedCount() {
    return Arrays.stream(lanes).filter(SendLane::isConnected).count();
  }

  /** Command subscriptions the broker has acknowledged. */
  int commandSubscriptions() {
    return commandSubscriptions.get();
  }

  @Override
  public void close() {
    stopTaking();
    LaneDrain.drainAndClose(Arrays.asList(lanes), settings.drainTimeout());
    sender.shutdownNow();
  }

  private void subscribeCommands(int index) {
    if (!settings.commands()) {
      return;
    }
    lanes[index]
        .link()
        .subscribe(
            settings.commandTopic().wildcardFilter(),
            1,
            (topic, payload) -> onCommand(index, topic, payload))
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                commandSubscriptions.incrementAndGet();
              } else {
                log.warn(
                    "connection {} could not subscribe to commands: {}", index, error.toString());
              }
            });
  }

  private void onCommand(int index, String topic, byte[] payload) {
    String deviceId = settings.commandTopic().deviceIdOf(topic);
    if (deviceId == null || Fnv1a64.bucket(deviceId, lanes.length) != index) {
      return;
    }
    DeviceLink device = devices.get(deviceId);
    if (device != null) {
      commands.handle(device, topic, payload, lanes[index].link());
    }
  }
}
