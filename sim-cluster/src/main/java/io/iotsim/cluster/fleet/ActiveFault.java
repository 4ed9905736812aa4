package io.iotsim.cluster.fleet;

import io.iotsim.core.CborSerializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One injection of a fault as the fault board shows it: its type, simulated window and parameters,
 * how many devices carry it and of which types. A fault injected across the cluster is one group:
 * the nodes' groups with the same type, window and parameters are joined.
 */
public record ActiveFault(
    String faultType,
    long startSimMillis,
    long endSimMillis,
    int devices,
    List<String> deviceTypes,
    Map<String, String> params)
    implements CborSerializable {

  static final Comparator<ActiveFault> SOONEST_END =
      Comparator.comparingLong(ActiveFault::endSimMillis)
          .thenComparing(ActiveFault::faultType)
          .thenComparingLong(ActiveFault::startSimMillis);

  public ActiveFault {
    deviceTypes = List.copyOf(deviceTypes);
    params = Map.copyOf(params);
  }
}
