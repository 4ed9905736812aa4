package io.iotsim.cli;

import io.iotsim.cluster.node.JoinSettings;
import io.iotsim.cluster.node.SimNode;
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
      description = "Address to serve gRPC and HTTP on (default 127.0.0.1).")
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
    if (seedNodes != null) {
      JoinSettings.parseSeeds(seedNodes, JoinSettings.SYSTEM); // a bad entry: exit 2, named
      overrides.put("iot-sim.cluster.seed-nodes", seedNodes);
    }
    SimNode node = SimNode.start(options.load(overrides), true);
    System.out.println(
        "iot-sim node "
            + node.runId()
            + " up; master seed "
            + node.settings().masterSeed()
            + "; max devices "
            + node.settings().maxDevices());
    // The address other nodes name in --seed-nodes (the actual port when --remote-port 0).
    System.out.println("  cluster member " + Cluster.get(node.system()).selfMember().address());
    node.banner().forEach(line -> System.out.println("  " + line));
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "iot-sim-shutdown"));
    node.system().getWhenTerminated().toCompletableFuture().join();
    return CliErrors.OK;
  }
}
