package io.iotsim.cluster.management;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Pekko Management on a node: the HTTP endpoint with the readiness ({@code /ready}: member Up,
 * sharding registered) and liveness ({@code /alive}) checks that iot-sim-pekko.conf configures,
 * Cluster Bootstrap's routes, and Cluster Bootstrap itself when the node joins that way. The
 * management server stops with the actor system (Pekko Management registers its own
 * CoordinatedShutdown task).
 */
public final class NodeManagement {

  private NodeManagement() {}

  /** Binds the management endpoint; completes with where it listens (the port when it was 0). */
  public static CompletionStage<InetSocketAddress> start(ActorSystem<?> system) {
    return PekkoManagement.get(system)
        .start()
        .thenApply(uri -> new InetSocketAddress(uri.host().address(), uri.port()));
  }

  /**
   * Starts Cluster Bootstrap: it discovers contact points (config discovery on a laptop,
   * kubernetes-api in Kubernetes), probes their management endpoints, and joins an existing cluster
   * or, on the lowest-addressed contact point when none exists, forms one. Management must be
   * started first: the contact points answer each other on it.
   */
  public static void startBootstrap(ActorSystem<?> system) {
    ClusterBootstrap.get(system).start();
  }
}
