package io.iotsim.cluster.fleet;

/** A spawn would take the node past its max-devices: RESOURCE_EXHAUSTED / HTTP 409. */
public final class FleetFullException extends RuntimeException {

  public FleetFullException(int requested, int current, int max) {
    this(requested, current, max, "this node's max-devices");
  }

  /**
   * @param limit what {@code max} is ("this node's max-devices", or the cluster's: the sum over its
   *     nodes)
   */
  public FleetFullException(int requested, long current, long max, String limit) {
    super(
        "count: "
            + requested
            + " more devices would exceed "
            + limit
            + " "
            + max
            + " ("
            + current
            + " running or starting)");
  }
}
