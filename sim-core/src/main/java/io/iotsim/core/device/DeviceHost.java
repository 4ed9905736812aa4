package io.iotsim.core.device;

import io.iotsim.core.clock.SimClock;
import io.iotsim.core.schedule.TickScheduler;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/** What a device needs from the node it runs on. One per node, shared by all its devices. */
public interface DeviceHost {

  SimClock clock();

  TickScheduler<DeviceActor.Command> scheduler();

  DeviceDirectory directory();

  TelemetrySink telemetry();

  EventSink events();

  NodeCounters counters();

  /** The batch compiled for this node, cached: devices of a batch share one. */
  CompiledBatch compile(SpawnBatch batch);

  /**
   * Asks for the device to be passivated (under Cluster Sharding its shard then sends it {@link
   * DeviceActor.Passivate}): it has left the wheel and the directory and has nothing left to do.
   */
  void passivate(ActorRef<DeviceActor.Command> device);

  /** The batch a device id belongs to, for a device recreated without its Start message. */
  Optional<SpawnBatch> batchOf(String deviceId);

  /**
   * What a device recreated without its Start must become (see {@link DeviceRecovery}); empty when
   * it must not run (no batch, or stopped for good). By default its batch alone.
   */
  default Optional<DeviceRecovery> recover(String deviceId) {
    return batchOf(deviceId).map(DeviceRecovery::of);
  }

  /**
   * Called by a device woken ({@link DeviceActor.Wake}, {@link DeviceActor.WakeAt}) before it
   * recovers. A joining node may be given shards before it has read the fleet registry (sharding
   * does not wait for it), and any node may be given a device whose batch, written to a majority of
   * nodes, has not yet reached it by gossip; until then a woken device cannot tell "no such device"
   * from "not known here yet". Then the node keeps {@code wake}, returns true, and sends it again
   * through sharding once it knows the device's batch, to wherever the device's shard is by then;
   * the device passivates meanwhile. False (recover now) when the node knows the batch, as a single
   * node always does.
   */
  default boolean deferWakeUntilFleetKnown(String deviceId, DeviceActor.Command wake) {
    return false;
  }

  /**
   * Whether a recreated device skips the readings it missed while it was nowhere (true, the
   * default) or publishes them all at once (false: replay).
   */
  default boolean skipMissed() {
    return true;
  }

  /**
   * A running device is being moved (its shard hands off): ask for it to be started again where its
   * shard goes next, continuing at {@code at} (a {@link DeviceActor.WakeAt}). By default nothing (a
   * single node never hands off).
   */
  default void rehome(String deviceId, ResumePoint at) {}
}
