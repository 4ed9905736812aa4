package io.iotsim.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;

/**
 * How an {@link IotSimClient} calls: the nodes, the default deadlines, the retry policy, TLS.
 * Defaults come from {@code iot-sim.client} in sim-client's reference.conf.
 */
public record ClientSettings(
    List<Endpoint> endpoints,
    Duration deadline,
    Duration spawnDeadline,
    RetryPolicy retry,
    boolean tls,
    ClientSecurity security) {

  public ClientSettings {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: at least one");
    }
  }

  /** The defaults of {@code iot-sim.client} (reference.conf, application.conf, environment). */
  public static ClientSettings load() {
    return fromConfig(ConfigFactory.load());
  }

  /** The settings under {@code iot-sim.client} of {@code root}. */
  public static ClientSettings fromConfig(Config root) {
    Config c = root.getConfig("iot-sim.client");
    return new ClientSettings(
        Endpoint.parseList(c.getString("endpoints")),
        c.getDuration("deadline"),
        c.getDuration("spawn-deadline"),
        RetryPolicy.fromConfig(c.getConfig("retry")),
        c.getBoolean("tls"),
        ClientSecurity.fromConfig(c));
  }

  /** The defaults, calling the nodes of {@code endpoints} ({@code a:50051,b:50051}). */
  public static ClientSettings of(String endpoints) {
    return load().withEndpoints(Endpoint.parseList(endpoints));
  }

  public ClientSettings withEndpoints(List<Endpoint> e) {
    return new ClientSettings(e, deadline, spawnDeadline, retry, tls, security);
  }

  public ClientSettings withDeadline(Duration d) {
    return new ClientSettings(endpoints, d, spawnDeadline, retry, tls, security);
  }

  public ClientSettings withSpawnDeadline(Duration d) {
    return new ClientSettings(endpoints, deadline, d, retry, tls, security);
  }

  public ClientSettings withRetry(RetryPolicy r) {
    return new ClientSettings(endpoints, deadline, spawnDeadline, r, tls, security);
  }

  /** The token and PEM files of {@code s} instead of the configured ones. */
  public ClientSettings withSecurity(ClientSecurity s) {
    return new ClientSettings(endpoints, deadline, spawnDeadline, retry, tls, s);
  }

  /** TLS to the node, trusting the JVM's trust store (Pekko gRPC's {@code withTls}). */
  public ClientSettings withTls(boolean on) {
    return new ClientSettings(endpoints, deadline, spawnDeadline, retry, on, security);
  }
}
