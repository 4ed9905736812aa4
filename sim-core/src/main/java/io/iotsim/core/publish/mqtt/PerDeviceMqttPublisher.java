package io.iotsim.core.publish.mqtt;

import io.iotsim.core.publish.DaemonThreads;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.publish.QueueingPublisher;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection per device, as real devices have: client id = device id, its own keepalive,
 * session, credentials and last will, its own command subscription. The connection opens when the
 * device attaches and closes when it detaches. All connections share one Netty event loop group and
 * the publisher's sender threads, so 10,000 devices cost sockets, not threads.
 */
final class PerDeviceMqttPublisher extends QueueingPublisher {

  private static final Logger log = LoggerFactory.getLogger(PerDeviceMqttPublisher.class);
  private static final long RETIRE_POLL_MILLIS = 50;

  private final MqttSettings settings;
  private final MqttLinks links;
  private final QueueBudget budget;
  private final ExecutorService sender;
  private final SendLane.Shared shared;
  private final ScheduledExecutorService retirements;
  private final Map<String, SendLane> lanes = new ConcurrentHashMap<>();
  private final CommandHandler commands = new CommandHandler();
  private final AtomicInteger commandSubscriptions = new AtomicInteger();
  private final AtomicInteger opened = new AtomicInteger();
  private final boolean spreadSources;
  private final ConnectPacer pacer;

  PerDeviceMqttPublisher(MqttSettings settings) {
    super("mqtt");
    this.settings = settings;
    this.links = new MqttLinks(settings);
    this.budget = new QueueBudget(settings.queueSize());
    this.sender = SenderThreads.create("iot-sim-mqtt-sender", settings.senderThreads());
    this.shared = new SendLane.Shared(budget, stats, sender, settings.maxInflight());
    this.retirements =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("iot-sim-mqtt-detach"));
    this.spreadSources = settings.sourceAddresses() > 1 && isLoopback(settings.host());
    this.pacer = new ConnectPacer(settings.connectRate(), retirements);
    stats.queueDepth(budget::used);
    stats.connections(this::connectedCount, () -> lanes.size() - connectedCount());
  }

  @Override
  protected boolean enqueue(QueuedReading reading) {
    SendLane lane = lanes.get(reading.deviceId());
    if (lane == null) {
      // A device that publishes without attaching still gets its connection (and no commands).
      lane =
          open(
              new DeviceLink(
                  reading.deviceId(), reading.deviceType(), Map.of(), DeviceLink.IGNORE_COMMANDS));
    }
    return lane.offer(reading, holdWhenFull());
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
    if (!closing()) {
      open(device);
    }
  }

  @Override
  public void detach(String deviceId) {
    SendLane lane = lanes.remove(deviceId);
    if (lane != null) {
      retire(deviceId, lane, System.nanoTime() + settings.drainTimeout().toNanos());
    }
  }

  long commandsHandled() {
    return commands.handledCount();
  }

  /** Device connections that are up now. */
  long connectedCount() {
    return lanes.values().stream().filter(SendLane::isConnected).count();
  }

  /** Command subscriptions the broker has acknowledged. */
  int commandSubscriptions() {
    return commandSubscriptions.get();
  }

  @Override
  public void close() {
    stopTaking();
    LaneDrain.drainAndClose(new ArrayList<>(lanes.values()), settings.drainTimeout());
    lanes.clear();
    retirements.shutdownNow();
    sender.shutdownNow();
  }

  private SendLane open(DeviceLink device) {
    return lanes.computeIfAbsent(device.deviceId(), id -> connect(device));
  }

  private SendLane connect(DeviceLink device) {
    String id = device.deviceId();
    String willTopic =
        settings.willTopic().isEmpty() ? null : settings.willTopic().replace("{device_id}", id);
    String commandTopic = settings.commandTopic().topicOf(id);
    SendLane[] self = new SendLane[1];
    SendLane lane =
        new SendLane(shared, first -> onConnected(device, self[0], first, willTopic, commandTopic));
    self[0] = lane;
    LinkOptions options =
        new LinkOptions(
            id,
            settings.username().replace("{device_id}", id),
            settings.password().replace("{device_id}", id),
            sourceAddress(opened.getAndIncrement()),
            willTopic,
            status(id, "offline"));
    lane.bind(links.create(options, lane));
    pacer.submit(lane::connectNow);
    return lane;
  }

  private void onConnected(
      DeviceLink device, SendLane lane, boolean first, String willTopic, String commandTopic) {
    if (willTopic != null) {
      // Retained, so the broker's picture is right whether the device left cleanly or by will.
      lane.link().publish(willTopic, 1, status(device.deviceId(), "online"));
    }
    if (first && settings.commands()) {
      lane.link()
          .subscribe(
              commandTopic,
              1,
              (topic, payload) -> commands.handle(device, topic, payload, lane.link()))
          .whenComplete(
              (ok, error) -> {
                if (error == null) {
                  commandSubscriptions.incrementAndGet();
                } else {
                  log.warn(
                      "{} could not subscribe to commands: {}",
                      device.deviceId(),
                      error.toString());
                }
              });
    }
  }

  /** Disconnects once the device's queue is sent, or at the deadline, without blocking. */
  private void retire(String deviceId, SendLane lane, long deadlineNanos) {
    if (lane.isConnected() && !lane.isIdle() && System.nanoTime() < deadlineNanos) {
      retirements.schedule(
          () -> retire(deviceId, lane, deadlineNanos), RETIRE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    MqttLink link = lane.close();
    if (lane.isConnected() && !settings.willTopic().isEmpty()) {
      link.publish(
              settings.willTopic().replace("{device_id}", deviceId), 1, status(deviceId, "offline"))
          .whenComplete((ok, error) -> link.disconnect());
    } else {
      link.disconnect();
    }
  }

  private InetAddress sourceAddress(int index) {
    if (!spreadSources) {
      return null;
    }
    byte last = (byte) (1 + index % settings.sourceAddresses());
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, last});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static byte[] status(String deviceId, String status) {
    return ("{\"device_id\":\"" + deviceId + "\",\"status\":\"" + status + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
