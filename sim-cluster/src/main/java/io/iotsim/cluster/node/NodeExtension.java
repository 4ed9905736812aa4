package io.iotsim.cluster.node;

import java.util.concurrent.CompletionStage;

/**
 * A server added to every node that serves, found with ServiceLoader
 * (META-INF/services/io.iotsim.cluster.node.NodeExtension): the gRPC server of this module's {@code
 * grpc} package and the HTTP server of sim-http. The node knows them only through this interface,
 * so dependencies point one way (grpc and sim-http on the node, never back).
 */
public interface NodeExtension {

  /** Extensions start in this order, lowest first. */
  default int order() {
    return 100;
  }

  /**
   * Starts the extension on a running node, registering its own CoordinatedShutdown tasks (stop
   * taking requests, drain); completes once it listens.
   */
  CompletionStage<Endpoint> start(SimNode node);
}
