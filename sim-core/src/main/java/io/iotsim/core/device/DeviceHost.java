package io.iotsim.core.device;

import io.iotsim.core.clock.SimClock;
import io.iotsim.core.schedule.TickScheduler;
import java.util.Optional;

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

  /** The batch a device id belongs to, for a device recreated without its Start message. */
  Optional<SpawnBatch> batchOf(String deviceId);
}
