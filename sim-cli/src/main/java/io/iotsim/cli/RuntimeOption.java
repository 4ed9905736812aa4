package io.iotsim.cli;

import io.iotsim.client.ClientSettings;
import io.iotsim.client.Endpoint;
import io.iotsim.client.IotSimClient;
import io.iotsim.client.RetryPolicy;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --runtime host:port[,host:port...]}: the nodes a client command talks to, in order; on
 * UNAVAILABLE the client fails over to the next.
 */
final class RuntimeOption {

  /**
   * A command gives up on unreachable nodes after a few quick attempts (a person is waiting); an
   * operation across a large fleet may take minutes.
   */
  private static final RetryPolicy RETRY =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2);

  private static final Duration DEADLINE = Duration.ofMinutes(5);

  @Option(
      names = "--runtime",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      defaultValue = "127.0.0.1:50051",
      description =
          "Node(s) to talk to, comma-separated; fails over to the next on UNAVAILABLE (default"
              + " ${DEFAULT-VALUE}).")
  String runtime;

  List<Endpoint> endpoints() {
    try {
      return Endpoint.parseList(runtime);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--runtime: " + e.getMessage(), e);
    }
  }

  /** A client of the given nodes (the library every client command goes through). */
  IotSimClient connect() {
    return IotSimClient.connect(
        ClientSettings.load().withEndpoints(endpoints()).withDeadline(DEADLINE).withRetry(RETRY));
  }
}
