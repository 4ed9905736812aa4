package io.iotsim.cluster.fleet;

import java.util.List;

/**
 * The faults active on the cluster's devices, soonest to end first.
 *
 * @param lostEvents fault events the nodes' boards missed under load (device counts may be low)
 */
public record ActiveFaults(List<ActiveFault> faults, long lostEvents) {

  public ActiveFaults {
    faults = List.copyOf(faults);
  }
}
