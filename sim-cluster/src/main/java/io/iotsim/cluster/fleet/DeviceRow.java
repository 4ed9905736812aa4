package io.iotsim.cluster.fleet;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LocalDevice;
import java.util.Map;

/**
 * One device of a listing as any node sees it: a copy of what its own node's directory holds, and
 * which node that is.
 */
public record DeviceRow(
    String id, String type, Lifecycle state, Map<String, String> labels, String node)
    implements CborSerializable {

  static DeviceRow of(LocalDevice d, String node) {
    return new DeviceRow(d.id(), d.type(), d.state(), Map.copyOf(d.labels()), node);
  }
}
