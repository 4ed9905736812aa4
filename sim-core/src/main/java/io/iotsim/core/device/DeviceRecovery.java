package io.iotsim.core.device;

import io.iotsim.core.fault.FaultSpec;
import java.util.List;

/**
 * What a device recreated without its Start (its node died, or its shard moved) must become: its
 * batch, then the updates, still-running faults and pause state the fleet's log says it had.
 *
 * @param updates in the order they were applied
 * @param faults the faults whose window has not ended yet
 */
public record DeviceRecovery(
    SpawnBatch batch, boolean paused, List<FaultSpec> faults, List<BehaviourUpdate> updates) {

  public DeviceRecovery {
    faults = List.copyOf(faults);
    updates = List.copyOf(updates);
  }

  /** A device that only ever had its batch. */
  public static DeviceRecovery of(SpawnBatch batch) {
    return new DeviceRecovery(batch, false, List.of(), List.of());
  }
}
