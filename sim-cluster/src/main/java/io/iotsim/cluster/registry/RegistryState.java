package io.iotsim.cluster.registry;

import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceIds;
import io.iotsim.core.device.DeviceRecovery;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.selector.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the replicated registry on one node: the spawn batches by type and the
 * operation log in simulated-time order. Answers what a device is (its batch) and what happened to
 * it since (its recovery), without asking anyone.
 */
final class RegistryState {

  static final RegistryState EMPTY = new RegistryState(List.of(), List.of());

  private final Map<String, List<SpawnBatch>> byType = new HashMap<>();
  private final List<SpawnBatch> batches;
  private final List<LoggedOp> ops;
  private final Map<String, Selector> selectors = new HashMap<>();

  RegistryState(Collection<SpawnBatch> batches, Collection<LoggedOp> ops) {
    this.batches = List.copyOf(batches);
    for (SpawnBatch b : this.batches) {
      byType.computeIfAbsent(b.deviceType(), t -> new ArrayList<>()).add(b);
    }
    List<LoggedOp> sorted = new ArrayList<>(ops);
    sorted.sort(Comparator.comparingLong(LoggedOp::simMillis).thenComparing(LoggedOp::opId));
    this.ops = List.copyOf(sorted);
    for (LoggedOp op : this.ops) {
      selectors.computeIfAbsent(op.selector(), Selector::parse);
    }
  }

  RegistryState withBatches(Collection<SpawnBatch> next) {
    return new RegistryState(next, ops);
  }

  RegistryState withOps(Collection<LoggedOp> next) {
    return new RegistryState(batches, next);
  }

  List<SpawnBatch> batches() {
    return batches;
  }

  List<LoggedOp> ops() {
    return ops;
  }

  /** The first index no batch of the type has used yet. */
  long nextIndex(String type) {
    long next = 1;
    for (SpawnBatch b : byType.getOrDefault(type, List.of())) {
      next = Math.max(next, b.firstIndex() + b.count());
    }
    return next;
  }

  Optional<SpawnBatch> batchOf(String deviceId) {
    String type = DeviceIds.typeOf(deviceId);
    long index = DeviceIds.indexOf(deviceId);
    if (type == null || index < 0) {
      return Optional.empty();
    }
    for (SpawnBatch b : byType.getOrDefault(type, List.of())) {
      if (b.contains(index)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * What a device recreated now must be: its batch, then every log entry that selected it after it
   * was spawned, in order (labels changed by an update count for the entries after it). Empty when
   * the id belongs to no batch or a stop selected it (a tombstone: it stays stopped).
   *
   * @param nowSimMillis faults that ended before now are left out
   */
  Optional<DeviceRecovery> recovery(String deviceId, long nowSimMillis) {
    Optional<SpawnBatch> found = batchOf(deviceId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SpawnBatch batch = found.get();
    Map<String, String> labels = new LinkedHashMap<>(batch.profile().labels());
    labels.putAll(batch.labels());
    boolean paused = false;
    List<FaultSpec> faults = new ArrayList<>();
    List<BehaviourUpdate> updates = new ArrayList<>();
    for (LoggedOp op : ops) {
      if (op.simMillis() < batch.startSimMillis()
          || !selectors.get(op.selector()).matches(deviceId, batch.deviceType(), labels)) {
        continue;
      }
      switch (op.kind()) {
        case STOP -> {
          return Optional.empty();
        }
        case PAUSE -> paused = true;
        case RESUME -> paused = false;
        case FAULT -> {
          if (op.fault().endSimMillis() > nowSimMillis && !faults.contains(op.fault())) {
            faults.add(op.fault());
          }
        }
        case UPDATE -> {
          BehaviourUpdate u = op.update();
          updates.add(u);
          labels.putAll(u.setLabels());
          u.removeLabels().forEach(labels::remove);
        }
      }
    }
    return Optional.of(new DeviceRecovery(batch, paused, faults, updates));
  }

  /** Whether a stop in the log selected this device (it must not run again). */
  boolean tombstoned(String deviceId) {
    return batchOf(deviceId).isPresent() && recovery(deviceId, Long.MIN_VALUE).isEmpty();
  }
}
