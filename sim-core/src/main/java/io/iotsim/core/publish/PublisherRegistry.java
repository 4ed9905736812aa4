package io.iotsim.core.publish;

import com.typesafe.config.Config;
import io.iotsim.core.profile.ConnectionMode;
import io.iotsim.core.profile.DeviceProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The publishers of one node: one per protocol and set of profile overrides, shared by every device
 * that uses it, or the single node-wide {@link OutputOverride}. Protocol adapters are found with
 * ServiceLoader; {@code console} is built in.
 */
public final class PublisherRegistry implements AutoCloseable {

  private final ActorSystem<?> system;
  private final Config settings;
  private final Publisher override;
  private final Map<String, PublisherFactory> factories = new ConcurrentHashMap<>();
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
  private volatile java.util.function.BooleanSupplier holdWhenFull = () -> false;
  private volatile HandOverObserver observer;

  /**
   * @param settings the node's {@code iot-sim} config block
   */
  public PublisherRegistry(ActorSystem<?> system, Config settings, OutputOverride output) {
    this.system = system;
    this.settings = settings;
    this.override = output.newPublisher();
    for (PublisherFactory f : ServiceLoader.load(PublisherFactory.class)) {
      factories.put(f.protocol(), f);
    }
  }

  /**
   * The publisher for a profile, created on first use.
   *
   * @throws IllegalArgumentException when the protocol has no adapter here or its settings are
   *     invalid; the message names the field
   */
  public Publisher forProfile(DeviceProfile profile) {
    if (override != null) {
      return override;
    }
    Map<String, Object> options = options(profile);
    String key = profile.protocol() + options;
    return publishers.computeIfAbsent(key, k -> create(profile, options));
  }

  /** The profile's protocol_options plus its connection mode, which adapters read as an option. */
  private static Map<String, Object> options(DeviceProfile profile) {
    Map<String, Object> options = new java.util.TreeMap<>(profile.protocolOptions());
    if (profile.connection() != ConnectionMode.POOLED) {
      options.put("connection", profile.connection().yamlName());
    }
    return options;
  }

  private Publisher create(DeviceProfile profile, Map<String, Object> options) {
    if (profile.protocol().equals("console")) {
      return LinePublisher.console();
    }
    PublisherFactory factory = factories.get(profile.protocol());
    if (factory == null) {
      throw new IllegalArgumentException(
          "protocol: no adapter for '"
              + profile.protocol()
              + "' on this node (have console"
              + (factories.isEmpty() ? "" : ", " + String.join(", ", factories.keySet()))
              + ")");
    }
    Publisher created = factory.create(new PublisherContext(system, settings, options));
    created.holdWhenFull(holdWhenFull);
    created.observe(observer);
    return created;
  }

  /**
   * While {@code when} holds (speed max) the publishers' queues hold readings rather than drop
   * them; the scheduler bounds them through {@link #room()}.
   */
  public void holdWhenFull(java.util.function.BooleanSupplier when) {
    this.holdWhenFull = when;
    all().forEach(p -> p.holdWhenFull(when));
  }

  /** Every publisher, now and later, tells {@code observer} of each reading it takes. */
  public void observe(HandOverObserver observer) {
    this.observer = observer;
    all().forEach(p -> p.observe(observer));
  }

  /** How many more readings the fullest publisher takes before its queue is full. */
  public long room() {
    long room = Long.MAX_VALUE;
    for (Publisher p : publishers.values()) {
      room = Math.min(room, p.room());
    }
    return room;
  }

  /** Readings lost by every publisher, for any reason. */
  public long lostTotal() {
    long sum = 0;
    for (Publisher p : all()) {
      sum += p.stats().lostCount();
    }
    return sum;
  }

  public Collection<Publisher> all() {
    List<Publisher> all = new ArrayList<>(publishers.values());
    if (override != null) {
      all.add(override);
    }
    return all;
  }

  /** Passes the scheduler's watermark on to every publisher (ordered sinks flush on it). */
  public void onWatermark(long simTimeMillis) {
    for (Publisher p : all()) {
      p.onWatermark(simTimeMillis);
    }
  }

  @Override
  public void close() {
    for (Publisher p : all()) {
      p.close();
    }
  }
}
