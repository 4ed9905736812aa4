package io.iotsim.cluster.node;

import java.util.concurrent.CompletionStage;

/**
 * Something a module above sim-cluster adds to every node, found with ServiceLoader
 * (META-INF/services/io.iotsim.cluster.node.NodeExtension): the HTTP server of sim-http. This is
 * how the node serves REST and the dashboard while dependencies still point one way.
 */
public interface NodeExtension {

  /** Starts the extension on a running node; completes with a line for the start-up banner. */
  CompletionStage<String> start(SimNode node);
}
