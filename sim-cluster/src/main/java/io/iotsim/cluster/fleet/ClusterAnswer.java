package io.iotsim.cluster.fleet;

import java.util.List;

/**
 * The merged answer of every node's fleet agent. {@code missingNodes} names the nodes that did not
 * answer in time (or are unreachable): their devices are not in {@code value}, which is then a
 * partial answer rather than a silent undercount.
 */
public record ClusterAnswer<T>(T value, List<String> missingNodes) {

  public ClusterAnswer {
    missingNodes = List.copyOf(missingNodes);
  }

  public boolean partial() {
    return !missingNodes.isEmpty();
  }

  public <U> ClusterAnswer<U> map(java.util.function.Function<T, U> f) {
    return new ClusterAnswer<>(f.apply(value), missingNodes);
  }
}
