package io.iotsim.cluster.registry;

import io.iotsim.core.device.SpawnBatch;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;

/** The Distributed Data keys of the fleet registry. */
final class RegistryKeys {

  private RegistryKeys() {}

  /** Spawn batches by batch id; each written once, by the id allocator. */
  static final Key<LWWMap<String, SpawnBatch>> BATCHES = LWWMapKey.create("iot-sim-batches");

  /** The operation log by entry id; each entry written once, by the node that took the op. */
  static final Key<LWWMap<String, LoggedOp>> OPS = LWWMapKey.create("iot-sim-ops");
}
