package io.iotsim.client;

import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceClient;
import io.iotsim.proto.simulator.v1.ScenarioServiceClient;
import java.util.List;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * One pair of generated clients per endpoint, made when first used, and which endpoint calls go to
 * now. An endpoint that answered UNAVAILABLE loses its clients (the next use connects afresh
 * instead of waiting out the channel's reconnect backoff) and calls move on to the next endpoint.
 */
final class Connections implements AutoCloseable {

  /** The generated clients of one endpoint. */
  record Node(
      Endpoint endpoint, DeviceRuntimeServiceClient runtime, ScenarioServiceClient scenarios) {}

  private final List<Endpoint> endpoints;
  private final ClassicActorSystemProvider system;
  private final boolean tls;
  private final ClientSecurity security;
  private final Node[] nodes;
  private int current;
  private boolean closed;

  Connections(
      List<Endpoint> endpoints,
      boolean tls,
      ClientSecurity security,
      ClassicActorSystemProvider system) {
    this.endpoints = List.copyOf(endpoints);
    this.system = system;
    this.tls = tls || security.tls();
    this.security = security;
    this.nodes = new Node[endpoints.size()];
  }

  /** The endpoint calls go to now, connected. */
  synchronized Node current() {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    Node n = nodes[current];
    if (n == null) {
      Endpoint e = endpoints.get(current);
      GrpcClientSettings settings =
          GrpcClientSettings.connectToServiceAt(e.host(), e.port(), system)
              .withTls(tls)
              .withConnectionAttempts(3);
      settings = Credentials.apply(settings, security);
      n =
          new Node(
              e,
              DeviceRuntimeServiceClient.create(settings, system),
              ScenarioServiceClient.create(settings, system));
      nodes[current] = n;
    }
    return n;
  }

  /** {@code node} answered UNAVAILABLE: drop its clients, move on to the next endpoint. */
  synchronized void unavailable(Node node) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == node) {
        nodes[i] = null;
        close(node);
        if (current == i) {
          current = (i + 1) % nodes.length;
        }
      }
    }
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) {
        close(nodes[i]);
        nodes[i] = null;
      }
    }
  }

  private static void close(Node n) {
    n.runtime().close();
    n.scenarios().close();
  }
}
