package io.iotsim.cluster.node;

import io.iotsim.cluster.fleet.DeviceSharding;
import io.iotsim.cluster.hub.EventHub;
import io.iotsim.cluster.hub.TelemetryHub;
import io.iotsim.cluster.registry.ReplicatedRegistry;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.CompiledBatch;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.DeviceHost;
import io.iotsim.core.device.DeviceRecovery;
import io.iotsim.core.device.EventSink;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.device.NodeCounters;
import io.iotsim.core.device.ResumePoint;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.device.TelemetrySink;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.schedule.TickScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's services as its devices see them. */
final class NodeHost implements DeviceHost {

  private static final Logger log = LoggerFactory.getLogger(NodeHost.class);

  /**
   * How long a woken device waits for its batch to reach this node. Gossip spreads a batch to every
   * node within seconds (a 2 s tick); a minute means it is not coming.
   */
  private static final Duration BATCH_WAIT = Duration.ofMinutes(1);

  private final SimClock clock;
  private final TickScheduler<DeviceActor.Command> scheduler;
  private final DeviceDirectory directory;
  private final TelemetryHub telemetry;
  private final EventHub events;
  private final NodeCounters counters;
  private final PublisherRegistry publishers;
  private final ReplicatedRegistry registry;
  private final DeviceSharding.Passivation passivation;
  private final ConcurrentHashMap<String, CompiledBatch> compiled = new ConcurrentHashMap<>();
  private final boolean skipMissed;
  private final Cluster cluster;
  private final String address;
  private final LongAdder relocations = new LongAdder();
  private volatile ActorRef<ShardingEnvelope<DeviceActor.Command>> region;

  NodeHost(
      SimClock clock,
      TickScheduler<DeviceActor.Command> scheduler,
      DeviceDirectory directory,
      TelemetryHub telemetry,
      EventHub events,
      NodeCounters counters,
      PublisherRegistry publishers,
      ReplicatedRegistry registry,
      DeviceSharding.Passivation passivation,
      boolean skipMissed,
      Cluster cluster) {
    this.passivation = passivation;
    this.skipMissed = skipMissed;
    this.cluster = cluster;
    this.address = cluster.selfMember().address().toString();
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
        batch.batchId(), id -> CompiledBatch.compile(batch, this, publishers::forProfile));
  }

  @Override
  public void passivate(ActorRef<DeviceActor.Command> device) {
    passivation.passivate(device);
  }

  @Override
  public Optional<SpawnBatch> batchOf(String deviceId) {
    return registry.batchOf(deviceId);
  }

  /**
   * A device recreated here without its Start: its batch and log from the registry. Says so with a
   * RELOCATED event naming this node.
   */
  @Override
  public Optional<DeviceRecovery> recover(String deviceId) {
    Optional<DeviceRecovery> r = registry.recovery(deviceId, clock.simNowMillis());
    r.ifPresent(
        recovery -> {
          relocations.increment();
          events.publish(
              new LifecycleEvent(
                  deviceId,
                  recovery.batch().deviceType(),
                  EventType.RELOCATED,
                  "relocated to " + address,
                  clock.simNowMillis(),
                  Map.of("node", address, "paused", Boolean.toString(recovery.paused()))));
        });
    return r;
  }

  @Override
  public boolean deferWakeUntilFleetKnown(String deviceId, DeviceActor.Command wake) {
    if (registry.knows(deviceId)) {
      return false;
    }
    log.debug(
        "device {} woken before its batch reached this node; waking it again after", deviceId);
    registry
        .whenKnown(deviceId, BATCH_WAIT)
        .whenComplete(
            (known, e) -> {
              ActorRef<ShardingEnvelope<DeviceActor.Command>> r = region;
              if (e != null) {
                log.warn(
                    "device {} was woken here, but its batch did not reach this node within {};"
                        + " it stays stopped",
                    deviceId,
                    BATCH_WAIT);
              } else if (r != null) {
                r.tell(new ShardingEnvelope<>(deviceId, wake));
              }
            });
    return true;
  }

  @Override
  public boolean skipMissed() {
    return skipMissed;
  }

  /**
   * Wakes a handed-off device where its shard goes next, at the slot its schedule stopped at here,
   * but only when another member stays Up to take it: when the whole cluster is stopping (the last
   * node's shutdown, the end of {@code run}) a wake would wait in the region for a coordinator that
   * is going away and hold up the shutdown.
   */
  @Override
  public void rehome(String deviceId, ResumePoint at) {
    ActorRef<ShardingEnvelope<DeviceActor.Command>> r = region;
    if (r != null && anotherMemberStaysUp()) {
      // The shard is handing off, so the region buffers this until the coordinator names the
      // shard's next home; a leaving node's region finishes its shutdown only once its buffers are
      // delivered (or the sharding phase of the coordinated shutdown times out).
      r.tell(new ShardingEnvelope<>(deviceId, new DeviceActor.WakeAt(at)));
    }
  }

  private boolean anotherMemberStaysUp() {
    Member self = cluster.selfMember();
    var state = cluster.state();
    for (Member m : state.getMembers()) {
      if (!m.equals(self)
          && m.status() == MemberStatus.up()
          && !state.getUnreachable().contains(m)) {
        return true;
      }
    }
    return false;
  }

  void region(ActorRef<ShardingEnvelope<DeviceActor.Command>> region) {
    this.region = region;
  }

  /** Devices recreated on this node from the registry (failover, moved shards). */
  long relocations() {
    return relocations.sum();
  }

  java.util.Collection<CompiledBatch> compiledBatches() {
    return compiled.values();
  }
}
