package io.iotsim.cluster.fleet;

import java.util.List;

/**
 * One page of a cluster-wide listing, in id order; {@code nextCursor} (the last id) is null on the
 * last page.
 */
public record ClusterPage(List<DeviceRow> devices, String nextCursor) {}
