package io.iotsim.cluster.node;

import io.iotsim.cluster.fleet.DeviceSharding;
import io.iotsim.cluster.fleet.FleetRegistry;
import io.iotsim.cluster.hub.EventHub;
import io.iotsim.cluster.hub.TelemetryHub;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.CompiledBatch;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.DeviceHost;
import io.iotsim.core.device.EventSink;
import io.iotsim.core.device.NodeCounters;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.device.TelemetrySink;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.schedule.TickScheduler;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;

/** The node's services as its devices see them. */
final class NodeHost implements DeviceHost {

  private final SimClock clock;
  private final TickScheduler<DeviceActor.Command> scheduler;
  private final DeviceDirectory directory;
  private final TelemetryHub telemetry;
  private final EventHub events;
  private final NodeCounters counters;
  private final PublisherRegistry publishers;
  private final FleetRegistry registry;
  private final DeviceSharding.Passivation passivation;
  private final ConcurrentHashMap<String, CompiledBatch> compiled = new ConcurrentHashMap<>();

  NodeHost(
      SimClock clock,
      TickScheduler<DeviceActor.Command> scheduler,
      DeviceDirectory directory,
      TelemetryHub telemetry,
      EventHub events,
      NodeCounters counters,
      PublisherRegistry publishers,
      FleetRegistry registry,
      DeviceSharding.Passivation passivation) {
    this.passivation = passivation;
    this.clock = clock;
    this.scheduler = scheduler;
    this.directory = directory;
    this.telemetry = telemetry;
    this.events = events;
    this.counters = counters;
    this.publishers = publishers;
    this.registry = registry;
  }

  @Override
  public SimClock clock() {
    return clock;
  }

  @Override
  public TickScheduler<DeviceActor.Command> scheduler() {
    return scheduler;
  }

  @Override
  public DeviceDirectory directory() {
    return directory;
  }

  @Override
  public TelemetrySink telemetry() {
    return telemetry;
  }

  @Override
  public EventSink events() {
    return events;
  }

  @Override
  public NodeCounters counters() {
    return counters;
  }

  @Override
  public CompiledBatch compile(SpawnBatch batch) {
    return compiled.computeIfAbsent(
        batch.batchId(), id -> CompiledBatch.compile(batch, publishers::forProfile));
  }

  @Override
  public void passivate(ActorRef<DeviceActor.Command> device) {
    passivation.passivate(device);
  }

  @Override
  public Optional<SpawnBatch> batchOf(String deviceId) {
    return registry.batchOf(deviceId);
  }

  java.util.Collection<CompiledBatch> compiledBatches() {
    return compiled.values();
  }
}
