package io.iotsim.cli;

import io.iotsim.cluster.node.JoinSettings;
import io.iotsim.cluster.node.SimNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.cluster.typed.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs a node until interrupted: gRPC on 50051 and (with sim-http) REST, SSE and the UI on 8080.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a simulator node (gRPC control contract, REST API and dashboard).")
final class NodeCommand implements Callable<Integer> {

  @Mixin NodeOptions options;

  @Option(
      names = "--grpc-port",
      paramLabel = "P",
      description = "gRPC port (default 50051; 0 = any free port).")
  Integer grpcPort;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      description = "HTTP port (default 8080; 0 = any free port).")
  Integer httpPort;

  @Option(
      names = "--bind",
      paramLabel = "HOST",
      description = "Address to serve gRPC, HTTP and management on (default 127.0.0.1).")
  String bind;

  @Option(
      names = "--output",
      paramLabel = "OUT",
      description = "protocol (default), console, null or jsonl:FILE.")
  String output;

  @Option(
      names = "--speed",
      paramLabel = "N",
      description = "Simulated seconds per wall second (default 1).")
  String speed;

  @Option(
      names = "--remote-port",
      paramLabel = "P",
      description = "Pekko remoting port (default 25520; 0 = any free port, printed at start).")
  Integer remotePort;

  @Option(
      names = "--metrics-port",
      paramLabel = "P",
      description =
          "Serve /healthz, /readyz and /metrics (no token) on this port instead of the"
              + " HTTP port (0 = any free port).")
  Integer metricsPort;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File holding the bearer token every API and gRPC call must carry (or"
              + " IOT_SIM_API_TOKEN). Required with a --bind other than loopback.")
  String tokenFile;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Serve gRPC and HTTP over TLS with this certificate chain (with --tls-key).")
  java.io.File tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 key of --tls-cert.")
  java.io.File tlsKey;

  @Option(
      names = "--tls-ca",
      paramLabel = "PEM",
      description = "Require gRPC clients to present a certificate signed by this CA (mutual TLS).")
  java.io.File tlsCa;

  @Option(
      names = "--management-port",
      paramLabel = "P",
      description =
          "Pekko Management port: /ready, /alive, Cluster Bootstrap (default 8558; 0 = any free port).")
  Integer managementPort;

  @Option(
      names = "--seed-nodes",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Join the cluster of these nodes (their --remote-port); default none: a cluster of"
              + " its own. Environment: IOT_SIM_SEED_NODES.")
  String seedNodes;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (grpcPort != null) {
      overrides.put("iot-sim.node.grpc.port", grpcPort);
    }
    if (httpPort != null) {
      overrides.put("iot-sim.node.http.port", httpPort);
    }
    if (bind != null) {
      overrides.put("iot-sim.node.grpc.host", bind);
      overrides.put("iot-sim.node.http.host", bind);
      overrides.put("iot-sim.management.bind-host", bind);
    }
    if (output != null) {
      overrides.put("iot-sim.node.output", output);
    }
    if (speed != null) {
      overrides.put("iot-sim.node.speed", speed);
    }
    if (remotePort != null) {
      overrides.put("pekko.remote.artery.canonical.port", remotePort);
    }
    if (metricsPort != null) {
      overrides.put("iot-sim.http.metrics-port", metricsPort);
    }
    if (tokenFile != null) {
      overrides.put("iot-sim.security.api-token-file", tokenFile);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key: give both or neither");
    }
    if (tlsCa != null && tlsCert == null) {
      throw new IllegalArgumentException("--tls-ca: needs --tls-cert and --tls-key (mutual TLS)");
    }
    if (tlsCert != null) {
      for (String block : new String[] {"iot-sim.grpc.tls", "iot-sim.http.tls"}) {
        overrides.put(block + ".enabled", true);
        overrides.put(block + ".cert-file", tlsCert.getPath());
        overrides.put(block + ".key-file", tlsKey.getPath());
      }
      if (tlsCa != null) {
        overrides.put("iot-sim.grpc.tls.client-ca-file", tlsCa.getPath());
      }
    }
    if (managementPort != null) {
      overrides.put("iot-sim.management.port", managementPort);
    }
    if (seedNodes != null) {
      JoinSettings.parseSeeds(seedNodes, JoinSettings.SYSTEM); // a bad entry: exit 2, named
      overrides.put("iot-sim.cluster.seed-nodes", seedNodes);
    }
    SimNode node = SimNode.start(options.load(overrides), true);
    System.out.println(
        "iot-sim node "
            + node.runId()
            + " up; master seed "
            + node.fleet().masterSeed()
            + "; max devices "
            + node.settings().maxDevices());
    // The address other nodes name in --seed-nodes (the actual port when --remote-port 0).
    System.out.println("  cluster member " + Cluster.get(node.system()).selfMember().address());
    node.banner().forEach(line -> System.out.println("  " + line));
    System.out.flush();
    // SIGTERM: the node drains its publishers (bounded by their drain timeouts), then says where
    // every reading went, as the end of `run` does.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  var used = new ArrayList<>(node.publishers().all());
                  node.close();
                  new DeliverySummary(used).print(System.out);
                  System.out.flush();
                },
                "iot-sim-shutdown"));
    node.system().getWhenTerminated().toCompletableFuture().join();
    return CliErrors.OK;
  }
}
