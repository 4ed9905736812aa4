package io.iotsim.cluster.fleet;

import io.iotsim.core.device.DeviceIds;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.profile.DeviceProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The spawn batches of the fleet and the next device index per type. A device's whole spec follows
 * from its batch, so this is all a node needs to recreate a device it did not spawn.
 *
 * <p>Node-local for now. In a multi-node cluster it becomes a Distributed Data map replicated to
 * every node (batches are few and small), so a device whose node died resumes elsewhere from it.
 */
public final class FleetRegistry {

  private final Map<String, List<SpawnBatch>> batchesByType = new HashMap<>();
  private final Map<String, Long> nextIndex = new HashMap<>();

  /** Reserves the next {@code count} indexes of the type and records the batch. */
  public synchronized SpawnBatch allocate(
      String deviceType,
      int count,
      DeviceProfile profile,
      Map<String, String> labels,
      long masterSeed,
      long startSimMillis) {
    long first = nextIndex.getOrDefault(deviceType, 1L);
    nextIndex.put(deviceType, first + count);
    SpawnBatch batch =
        new SpawnBatch(
            UUID.randomUUID().toString(),
            deviceType,
            first,
            count,
            profile,
            // Sorted: map order from gRPC or JSON is arbitrary, payload label order must not be.
            Collections.unmodifiableMap(new TreeMap<>(labels)),
            masterSeed,
            startSimMillis);
    batchesByType.computeIfAbsent(deviceType, t -> new ArrayList<>()).add(batch);
    return batch;
  }

  public synchronized Optional<SpawnBatch> batchOf(String deviceId) {
    String type = DeviceIds.typeOf(deviceId);
    long index = DeviceIds.indexOf(deviceId);
    if (type == null || index < 0) {
      return Optional.empty();
    }
    for (SpawnBatch b : batchesByType.getOrDefault(type, List.of())) {
      if (b.contains(index)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
