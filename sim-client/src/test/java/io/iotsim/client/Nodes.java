package io.iotsim.client;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** Real in-process nodes for the client's tests. */
final class Nodes {

  private Nodes() {}

  /** A serving node at 10x speed on an ephemeral gRPC port. */
  static SimNode start() {
    return start(0);
  }

  /** A serving node at 10x speed on {@code grpcPort} (0: ephemeral). */
  static SimNode start(int grpcPort) {
    Map<String, Object> o = new HashMap<>();
    o.put("iot-sim.node.speed", "10");
    o.put("iot-sim.node.max-devices", 50_000);
    o.put("iot-sim.node.grpc.port", grpcPort);
    return TestNodes.start(true, o);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static IotSimClient client(SimNode... nodes) {
    StringBuilder endpoints = new StringBuilder();
    for (SimNode n : nodes) {
      endpoints
          .append(endpoints.length() == 0 ? "" : ",")
          .append("127.0.0.1:")
          .append(n.grpcPort());
    }
    return IotSimClient.connect(endpoints.toString());
  }
}
