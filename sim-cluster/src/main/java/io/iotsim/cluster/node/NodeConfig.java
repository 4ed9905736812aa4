package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * How a node's configuration layers: command-line flags over IOT_SIM_* environment variables over a
 * --config file over the node's Pekko settings (iot-sim-pekko.conf) over every module's
 * reference.conf.
 */
public final class NodeConfig {

  private NodeConfig() {}

  public static Config load(Config overrides) {
    return load(overrides, ConfigFactory.empty());
  }

  /**
   * @param flags command-line flags (and tests' settings)
   * @param file a --config file, unresolved; the environment wins over it
   */
  public static Config load(Config flags, Config file) {
    return withStreamPings(
        flags
            .withFallback(EnvironmentOverrides.layer())
            .withFallback(file)
            .withFallback(ConfigFactory.parseResources("iot-sim-pekko.conf"))
            .withFallback(ConfigFactory.load())
            .resolve());
  }

  private static final String IDLE_TIMEOUT = "pekko.http.server.idle-timeout";
  private static final String PING_INTERVAL = "pekko.http.server.http2.ping-interval";

  /**
   * A gRPC stream that matches nothing yet (StreamTelemetry, StreamEvents) sends no bytes, and the
   * server's idle-timeout would close its connection. Unless set otherwise, HTTP/2 pings go out at
   * half the idle-timeout on connections that have open streams; a connection without streams still
   * closes when idle.
   */
  static Config withStreamPings(Config c) {
    if (!c.hasPath(IDLE_TIMEOUT)
        || c.getString(IDLE_TIMEOUT).equals("infinite")
        || !c.getDuration(PING_INTERVAL).isZero()) {
      return c;
    }
    long pingMillis = Math.max(1, c.getDuration(IDLE_TIMEOUT).toMillis() / 2);
    return ConfigFactory.parseMap(java.util.Map.of(PING_INTERVAL, pingMillis + "ms"))
        .withFallback(c);
  }
}
