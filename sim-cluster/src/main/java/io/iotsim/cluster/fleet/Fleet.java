package io.iotsim.cluster.fleet;

import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.cluster.hub.EventHub;
import io.iotsim.cluster.hub.Hub;
import io.iotsim.cluster.hub.TelemetryHub;
import io.iotsim.cluster.registry.LoggedOp;
import io.iotsim.cluster.registry.ReplicatedRegistry;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDetail;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.device.LocalDevice;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.LabelRules;
import io.iotsim.core.profile.TopicRules;
import io.iotsim.core.profile.TopicTemplates;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * The fleet as clients see it: spawn, stop, pause, resume by selector, status, listings and live
 * feeds. The one entry point for the gRPC service, the REST API, the CLI's embedded runs and
 * scenarios.
 *
 * <p>Spawns go through Cluster Sharding, which places each device; operations on running devices
 * read this node's {@link DeviceDirectory}. In a multi-node cluster these fan out to every node's
 * directory and merge (one agent per node, found through the receptionist).
 */
public final class Fleet {

  private static final int SPAWN_CHUNK = 5_000;

  private final ActorSystem<?> system;
  private final Spawner children;
  private final ActorRef<ShardingEnvelope<DeviceActor.Command>> region;
  private final ReplicatedRegistry registry;
  private final DeviceDirectory directory;
  private final PublisherRegistry publishers;
  private final TelemetryHub telemetry;
  private final EventHub events;
  private final SimClock clock;
  private final int maxDevices;
  private final long masterSeed;
  private final Duration askTimeout;
  private final Duration spawnTimeout;
  private final int telemetryBuffer;
  private final int eventBuffer;
  private final AtomicInteger starting = new AtomicInteger();

  /**
   * @param system the node's actor system, whose guardian spawns this fleet's per-request
   *     collectors
   */
  public Fleet(
      ActorSystem<SpawnProtocol.Command> system,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> region,
      ReplicatedRegistry registry,
      DeviceDirectory directory,
      PublisherRegistry publishers,
      TelemetryHub telemetry,
      EventHub events,
      SimClock clock,
      int maxDevices,
      long masterSeed,
      Duration askTimeout,
      Duration spawnTimeout,
      int telemetryBuffer,
      int eventBuffer) {
    this.system = system;
    this.children = new Spawner(system, system.scheduler(), askTimeout);
    this.region = region;
    this.registry = registry;
    this.directory = directory;
    this.publishers = publishers;
    this.telemetry = telemetry;
    this.events = events;
    this.clock = clock;
    this.maxDevices = maxDevices;
    this.masterSeed = masterSeed;
    this.askTimeout = askTimeout;
    this.spawnTimeout = spawnTimeout;
    this.telemetryBuffer = telemetryBuffer;
    this.eventBuffer = eventBuffer;
  }

  /**
   * Starts {@code count} devices of a profile, with ids continuing the type's numbering.
   *
   * @throws IllegalArgumentException for a bad count or a profile this node cannot publish (the
   *     message names the field)
   * @throws FleetFullException past max-devices
   */
  public CompletionStage<SpawnResult> spawn(
      DeviceProfile profile, int count, Map<String, String> labels) {
    return spawnAt(profile, count, labels, clock.simNowMillis());
  }

  /**
   * As {@link #spawn}, with the devices' schedule starting at {@code startSimMillis}: scenarios and
   * embedded runs spawn at an exact simulated time so that runs replay.
   */
  public CompletionStage<SpawnResult> spawnAt(
      DeviceProfile profile, int count, Map<String, String> labels, long startSimMillis) {
    if (count < 1) {
      throw new IllegalArgumentException("count: must be >= 1 (got " + count + ")");
    }
    LabelRules.check("labels", labels);
    Map<String, String> merged = new java.util.LinkedHashMap<>(profile.labels());
    merged.putAll(labels);
    // Fails now, naming the label, rather than in every device (or at the broker, per reading).
    TopicRules.check(profile, merged);
    publishers.forProfile(profile);
    int current = starting.addAndGet(count) - count + directory.size();
    if ((long) current + count > maxDevices) {
      starting.addAndGet(-count);
      throw new FleetFullException(count, current, maxDevices);
    }
    CompletionStage<SpawnBatch> allocated =
        registry.allocate(profile.type(), count, profile, labels, masterSeed, startSimMillis);
    return allocated
        .thenCompose(batch -> startInChunks(batch, batch.firstIndex(), 0))
        .whenComplete((started, e) -> starting.addAndGet(-count))
        .thenCombine(
            allocated,
            (started, batch) -> {
              if (started < count) {
                throw new IllegalStateException(
                    "spawn: only "
                        + started
                        + " of "
                        + count
                        + " devices started within "
                        + spawnTimeout);
              }
              return new SpawnResult(
                  batch.deviceType(),
                  batch.firstIndex(),
                  count,
                  batch.firstDeviceId(),
                  batch.lastDeviceId());
            });
  }

  /**
   * Tells the devices of a batch to start, one chunk at a time: the shard regions buffer at most a
   * chunk while shards are allocated, and a large spawn never floods the dispatcher that running
   * devices tick on.
   */
  private CompletionStage<Integer> startInChunks(SpawnBatch batch, long from, int startedSoFar) {
    long end = batch.firstIndex() + batch.count();
    if (from >= end) {
      return CompletableFuture.completedFuture(startedSoFar);
    }
    int n = (int) Math.min(SPAWN_CHUNK, end - from);
    CompletableFuture<AckCollector.Result> started = new CompletableFuture<>();
    return children
        .spawn(
            AckCollector.create(
                n, DeviceActor.Started.class, DeviceActor.Started::ok, spawnTimeout, started),
            "spawn-" + batch.batchId() + "-" + from)
        .thenCompose(
            collector -> {
              for (long i = from; i < from + n; i++) {
                region.tell(
                    new ShardingEnvelope<>(
                        batch.deviceId(i), new DeviceActor.Start(batch, collector)));
              }
              return started;
            })
        .thenCompose(
            r ->
                r.timedOut() || r.counted() < n
                    ? CompletableFuture.completedFuture(startedSoFar + r.counted())
                    : startInChunks(batch, from + n, startedSoFar + n));
  }

  /** Stops (and removes) the selected devices; completes with how many were stopped. */
  public CompletionStage<Integer> stop(Selector selector) {
    return logged(LoggedOp.of(LoggedOp.Kind.STOP, selector, clock.simNowMillis()))
        .thenCompose(done -> control(selector, DeviceActor.Stop::new, "stop"));
  }

  public CompletionStage<Integer> pause(Selector selector) {
    return logged(LoggedOp.of(LoggedOp.Kind.PAUSE, selector, clock.simNowMillis()))
        .thenCompose(done -> control(selector, DeviceActor.Pause::new, "pause"));
  }

  public CompletionStage<Integer> resume(Selector selector) {
    return logged(LoggedOp.of(LoggedOp.Kind.RESUME, selector, clock.simNowMillis()))
        .thenCompose(done -> control(selector, DeviceActor.Resume::new, "resume"));
  }

  /**
   * Records an operation in the replicated log before any device gets it, so a device recreated on
   * another node later (its node died) rebuilds the same state; a log a majority cannot take fails
   * the operation rather than losing it on failover.
   */
  private CompletionStage<org.apache.pekko.Done> logged(LoggedOp op) {
    return registry.record(op);
  }

  private CompletionStage<Integer> control(
      Selector selector,
      Function<ActorRef<DeviceActor.Ack>, DeviceActor.Command> command,
      String name) {
    return control(selector, directory.matching(selector), command, name);
  }

  private CompletionStage<Integer> control(
      Selector selector,
      List<LocalDevice> targets,
      Function<ActorRef<DeviceActor.Ack>, DeviceActor.Command> command,
      String name) {
    if (targets.isEmpty() && !selector.isAll()) {
      // 'all' on an empty node is no mistake; any narrower selection that finds nothing likely is
      return CompletableFuture.failedFuture(new NoDeviceMatchedException(selector));
    }
    CompletableFuture<AckCollector.Result> done = new CompletableFuture<>();
    return children
        .spawn(
            AckCollector.create(
                targets.size(), DeviceActor.Ack.class, DeviceActor.Ack::changed, askTimeout, done),
            name)
        .thenCompose(
            collector -> {
              DeviceActor.Command message = command.apply(collector);
              for (LocalDevice d : targets) {
                d.ref().tell(message);
              }
              return done;
            })
        .thenApply(AckCollector.Result::counted);
  }

  /**
   * Injects a fault into the selected devices, acting on their readings scheduled in {@code
   * [startSimMillis, startSimMillis + duration)}; each device clears it by itself after. Completes
   * with how many devices took it.
   *
   * @throws IllegalArgumentException naming the parameter for a bad duration or parameter
   */
  public CompletionStage<Integer> injectFault(
      Selector selector,
      FaultType type,
      long startSimMillis,
      Duration duration,
      Map<String, ?> params) {
    return injectFault(selector, FaultSpec.of(type, startSimMillis, duration, params));
  }

  /** As {@link #injectFault(Selector, FaultType, long, Duration, Map)}, starting now. */
  public CompletionStage<Integer> injectFault(
      Selector selector, FaultType type, Duration duration, Map<String, ?> params) {
    return injectFault(selector, type, clock.simNowMillis(), duration, params);
  }

  /**
   * @throws IllegalArgumentException naming the parameter and the profile when the fault cannot act
   *     on any selected device (a drain of a field they do not have); no device took it
   */
  public CompletionStage<Integer> injectFault(Selector selector, FaultSpec fault) {
    List<LocalDevice> targets = directory.matching(selector);
    fault.checkAgainst(profilesOf(targets));
    return logged(LoggedOp.fault(selector, fault, clock.simNowMillis()))
        .thenCompose(
            done ->
                control(
                    selector,
                    targets,
                    replyTo -> new DeviceActor.InjectFault(fault, replyTo),
                    "fault"));
  }

  /**
   * Changes interval, generators or labels of the selected devices (see {@link BehaviourUpdate} for
   * the checks); completes with how many devices changed.
   */
  public CompletionStage<Integer> update(Selector selector, BehaviourUpdate update) {
    List<LocalDevice> targets = directory.matching(selector);
    // All or nothing: checked against every selected profile before any device changes.
    update.checkAgainst(profilesOf(targets));
    checkTopics(targets, update);
    return logged(LoggedOp.update(selector, update, clock.simNowMillis()))
        .thenCompose(
            done ->
                control(
                    selector,
                    targets,
                    replyTo -> new DeviceActor.Update(update, replyTo),
                    "update"));
  }

  /**
   * New label values must still make a topic the batch's protocol can take (length limits: the
   * label rules already refuse wildcards and NUL), checked per batch before any device changes.
   */
  private void checkTopics(List<LocalDevice> targets, BehaviourUpdate update) {
    if (update.setLabels().isEmpty()) {
      return;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (LocalDevice d : targets) {
      if (seen.add(d.batchId())) {
        registry
            .batchOf(d.id())
            .ifPresent(
                b -> {
                  Map<String, String> labels = new java.util.LinkedHashMap<>(b.profile().labels());
                  labels.putAll(b.labels());
                  labels.putAll(update.setLabels());
                  update.removeLabels().forEach(labels::remove);
                  try {
                    TopicRules.check(b.profile(), labels);
                  } catch (IllegalArgumentException e) {
                    // name the label this update sets (the rule names the longest one in the topic)
                    String set =
                        TopicTemplates.labels(b.profile().topicTemplate()).stream()
                            .filter(update.setLabels()::containsKey)
                            .findFirst()
                            .orElseThrow(() -> e);
                    String why = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
                    throw new IllegalArgumentException("set_labels." + set + ": " + why, e);
                  }
                });
      }
    }
  }

  /** The distinct profiles of {@code devices}, one look-up per batch. */
  private Collection<DeviceProfile> profilesOf(List<LocalDevice> devices) {
    Map<String, DeviceProfile> byBatch = new java.util.HashMap<>();
    for (LocalDevice d : devices) {
      if (!byBatch.containsKey(d.batchId())) {
        registry.batchOf(d.id()).ifPresent(b -> byBatch.put(d.batchId(), b.profile()));
      }
    }
    return new java.util.LinkedHashSet<>(byBatch.values());
  }

  /** The ids of the selected devices on this node, in id order (rollouts walk them in batches). */
  public List<String> ids(Selector selector) {
    List<String> ids = new ArrayList<>();
    directory.forEachMatching(selector, d -> ids.add(d.id()));
    java.util.Collections.sort(ids);
    return ids;
  }

  /** Publishes a fleet-level event (scenario steps) to the event feeds and the log. */
  public void publishEvent(LifecycleEvent event) {
    events.publish(event);
  }

  public SimClock clock() {
    return clock;
  }

  /** Counts by state and by type of the selected devices, from the directory. */
  public FleetStatus status(Selector selector) {
    Map<String, Long> byState = new TreeMap<>();
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    long[] total = {0};
    directory.forEachMatching(
        selector,
        d -> {
          String state = d.state().label();
          byState.merge(state, 1L, Long::sum);
          byType.computeIfAbsent(d.type(), t -> new TreeMap<>()).merge(state, 1L, Long::sum);
          total[0]++;
        });
    return new FleetStatus(total[0], byState, byType);
  }

  /**
   * A page of the selected devices in id order, starting after {@code cursor} (a device id, or null
   * for the first page).
   */
  public DevicePage list(Selector selector, Optional<Lifecycle> state, int limit, String cursor) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit: must be 1..10000 (got " + limit + ")");
    }
    List<LocalDevice> page = new ArrayList<>(limit);
    String last = null;
    boolean more = false;
    for (LocalDevice d : directory.after(cursor)) {
      if (state.isPresent() && d.state() != state.get()) {
        continue;
      }
      if (!selector.isAll() && !selector.matches(d.id(), d.type(), d.labels())) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(d);
      last = d.id();
    }
    return new DevicePage(page, more ? last : null);
  }

  /** The device's detail, or empty when no device has that id here. */
  public CompletionStage<Optional<DeviceDetail>> get(String deviceId) {
    Optional<LocalDevice> d = directory.get(deviceId);
    if (d.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return AskPattern.<DeviceActor.Command, DeviceDetail>ask(
            d.get().ref(), DeviceActor.GetDetail::new, askTimeout, system.scheduler())
        .thenApply(Optional::of);
  }

  /** The live readings of the selected devices; a slow reader loses readings, counted. */
  public Hub.Feed<DeviceReading> telemetry(Selector selector) {
    return telemetry.subscribe(
        r -> selector.isAll() || selector.matches(r.deviceId(), r.deviceType(), r.labels()),
        telemetryBuffer);
  }

  /** The live events of the selected devices, of the given types (all when empty). */
  public Hub.Feed<LifecycleEvent> events(Selector selector, Set<EventType> types) {
    return events.subscribe(
        e ->
            (types.isEmpty() || types.contains(e.type()))
                && (selector.isAll()
                    || e.deviceId().isEmpty()
                    || selector.matches(
                        e.deviceId(),
                        e.deviceType(),
                        directory.get(e.deviceId()).map(LocalDevice::labels).orElse(Map.of()))),
        eventBuffer);
  }

  public int size() {
    return directory.size();
  }

  public int maxDevices() {
    return maxDevices;
  }

  public long masterSeed() {
    return masterSeed;
  }
}
