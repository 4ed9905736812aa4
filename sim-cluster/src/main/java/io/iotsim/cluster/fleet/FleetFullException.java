package io.iotsim.cluster.fleet;

/** A spawn would take the node past its max-devices: RESOURCE_EXHAUSTED / HTTP 409. */
public final class FleetFullException extends RuntimeException {

  public FleetFullException(int requested, int current, int max) {
    super(
        "count: "
            + requested
            + " more devices would exceed this node's max-devices "
            + max
            + " ("
            + current
            + " running or starting)");
  }
}
