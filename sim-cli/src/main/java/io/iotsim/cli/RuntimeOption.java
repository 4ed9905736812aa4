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

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token for a node that requires one (default: IOT_SIM_API_TOKEN; the environment"
              + " keeps it out of the process list).")
  String token;

  @Option(
      names = "--tls-ca",
      paramLabel = "PEM",
      description = "CA certificate that signed the node's certificate; turns TLS on.")
  java.nio.file.Path tlsCa;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Client certificate for mutual TLS (with --tls-key).")
  java.nio.file.Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "PKCS#8 private key of --tls-cert.")
  java.nio.file.Path tlsKey;

  List<Endpoint> endpoints() {
    try {
      return Endpoint.parseList(runtime);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--runtime: " + e.getMessage(), e);
    }
  }

  /** A client of the given nodes (the library every client command goes through). */
  IotSimClient connect() {
    ClientSettings settings = ClientSettings.load();
    return IotSimClient.connect(
        settings
            .withEndpoints(endpoints())
            .withDeadline(DEADLINE)
            .withRetry(RETRY)
            .withSecurity(security(settings.security())));
  }

  /** The flags over what the environment and config give. */
  io.iotsim.client.ClientSecurity security(io.iotsim.client.ClientSecurity configured) {
    io.iotsim.client.ClientSecurity s = configured;
    if (token != null) {
      s = s.withToken(token);
    }
    if (tlsCa != null || tlsCert != null || tlsKey != null) {
      for (var f : new java.nio.file.Path[] {tlsCa, tlsCert, tlsKey}) {
        if (f != null && !java.nio.file.Files.isReadable(f)) {
          throw new IllegalArgumentException("--tls-*: cannot read " + f);
        }
      }
      try {
        s =
            s.withTls(
                tlsCa != null ? tlsCa : s.caFile().orElse(null),
                tlsCert != null ? tlsCert : s.certFile().orElse(null),
                tlsKey != null ? tlsKey : s.keyFile().orElse(null));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--tls-cert/--tls-key: " + e.getMessage(), e);
      }
    }
    return s;
  }
}
