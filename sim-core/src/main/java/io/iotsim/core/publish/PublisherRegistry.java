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
    return factory.create(new PublisherContext(system, settings, options));
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
