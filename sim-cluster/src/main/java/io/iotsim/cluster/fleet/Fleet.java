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
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.LabelRules;
import io.iotsim.core.profile.TopicRules;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.javadsl.Source;

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
  private volatile long masterSeed;
  private final Duration askTimeout;
  private final Duration spawnTimeout;
  private final int telemetryBuffer;
  private final int eventBuffer;
  private final AtomicInteger starting = new AtomicInteger();
  private final LocalFleet local;
  private final LocalFeeds feeds;
  private final FaultBoard faults;
  private final AgentBook agents = new AgentBook();
  private final FanOut fanOut;
  private final Duration agentTimeout;

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
    this.local = new LocalFleet(system, children, registry, directory, askTimeout);
    this.feeds = new LocalFeeds(system, telemetry, events, directory);
    this.faults = new FaultBoard(events, clock, system);
    this.fanOut = new FanOut(system, agents);
    this.agentTimeout = system.settings().config().getDuration("iot-sim.fleet.agent-timeout");
    children
        .spawn(FleetAgent.create(local, feeds, faults, maxDevices), "fleet-agent")
        .thenAccept(agents::self);
    children.spawn(agents.subscriber(), "fleet-agents");
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
    if ((long) current + count > maxDevices && !multiNode()) {
      starting.addAndGet(-count);
      throw new FleetFullException(count, current, maxDevices);
    }
    // In a cluster the limit is the sum of the nodes' max-devices against every node's devices.
    CompletionStage<Void> room =
        multiNode()
            ? fanOut
                .<FleetAgent.SizeReply>ask(FleetAgent.Size::new, agentTimeout)
                .thenAccept(g -> checkRoom(g, count))
            : CompletableFuture.completedFuture(null);
    CompletionStage<SpawnBatch> allocated =
        room.thenCompose(
            v ->
                registry.allocate(
                    profile.type(), count, profile, labels, masterSeed, startSimMillis));
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

  /** More than this node's agent is listed: operations fan out. */
  private boolean multiNode() {
    return agents.agents().all().size() > 1;
  }

  private void checkRoom(FanOut.Gathered<FleetAgent.SizeReply> g, int count) {
    long devices = 0;
    long max = 0;
    for (FleetAgent.SizeReply r : g.answers().values()) {
      devices += r.devices();
      max += r.maxDevices();
    }
    // devices being started here are not yet in any directory
    devices += starting.get() - count;
    if (devices + count > max) {
      throw new FleetFullException(count, devices, max, "the cluster's max-devices");
    }
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
    return clusterStop(selector).thenApply(ClusterAnswer::value);
  }

  public CompletionStage<Integer> pause(Selector selector) {
    return clusterPause(selector).thenApply(ClusterAnswer::value);
  }

  public CompletionStage<Integer> resume(Selector selector) {
    return clusterResume(selector).thenApply(ClusterAnswer::value);
  }

  /**
   * Records an operation in the replicated log before any device gets it, so a device recreated on
   * another node later (its node died) rebuilds the same state; a log a majority cannot take fails
   * the operation rather than losing it on failover.
   */
  private CompletionStage<org.apache.pekko.Done> logged(LoggedOp op) {
    return registry.record(op);
  }

  /** As {@link #stop}, naming the nodes that did not answer (their devices are not counted). */
  public CompletionStage<ClusterAnswer<Integer>> clusterStop(Selector selector) {
    return change(selector, new FleetAgent.Change(FleetAgent.Op.STOP, null, null));
  }

  public CompletionStage<ClusterAnswer<Integer>> clusterPause(Selector selector) {
    return change(selector, new FleetAgent.Change(FleetAgent.Op.PAUSE, null, null));
  }

  public CompletionStage<ClusterAnswer<Integer>> clusterResume(Selector selector) {
    return change(selector, new FleetAgent.Change(FleetAgent.Op.RESUME, null, null));
  }

  /** The log entry of a checked change, stamped with the cluster's simulated time now. */
  private LoggedOp loggedOp(Selector selector, FleetAgent.Change change) {
    long now = clock.simNowMillis();
    return switch (change.op()) {
      case STOP -> LoggedOp.of(LoggedOp.Kind.STOP, selector, now);
      case PAUSE -> LoggedOp.of(LoggedOp.Kind.PAUSE, selector, now);
      case RESUME -> LoggedOp.of(LoggedOp.Kind.RESUME, selector, now);
      case FAULT -> LoggedOp.fault(selector, change.fault(), now);
      case UPDATE -> LoggedOp.update(selector, change.update(), now);
    };
  }

  /**
   * Checks a change on every node (faults and updates: against the profiles of the devices each
   * selects) and, when every answering node accepts it, applies it everywhere; completes with how
   * many devices changed.
   *
   * @throws IllegalArgumentException (failed stage) naming the field when a node refuses it; no
   *     device changed
   * @throws NoDeviceMatchedException (failed stage) when a selection narrower than all matches no
   *     device on any node and every node answered
   */
  private CompletionStage<ClusterAnswer<Integer>> change(
      Selector selector, FleetAgent.Change change) {
    String text = selector.toString();
    List<String> missing = new ArrayList<>();
    CompletionStage<Void> checked = CompletableFuture.completedFuture(null);
    if (change.op() == FleetAgent.Op.FAULT || change.op() == FleetAgent.Op.UPDATE) {
      // this node first, synchronously: a refusal names the field before anything is sent
      local.check(selector, change);
      checked =
          fanOut
              .<FleetAgent.CheckReply>ask(r -> new FleetAgent.Check(text, change, r), agentTimeout)
              .thenAccept(
                  g -> {
                    for (FleetAgent.CheckReply r : g.answers().values()) {
                      if (r.error() != null) {
                        throw new IllegalArgumentException(r.error());
                      }
                    }
                    missing.addAll(g.missing());
                  });
    }
    // the agents' own collectors wait up to ask-timeout for their devices
    Duration timeout = askTimeout.plus(agentTimeout);
    return checked
        .thenCompose(v -> logged(loggedOp(selector, change)))
        .thenCompose(
            v ->
                fanOut.<FleetAgent.ApplyReply>ask(
                    r -> new FleetAgent.Apply(text, change, r), timeout))
        .thenApply(
            g -> {
              long matched = 0;
              long changed = 0;
              for (FleetAgent.ApplyReply r : g.answers().values()) {
                matched += r.matched();
                changed += r.changed();
              }
              java.util.Set<String> silent = new java.util.TreeSet<>(missing);
              silent.addAll(g.missing());
              if (matched == 0 && !selector.isAll() && silent.isEmpty()) {
                // 'all' on an empty fleet is no mistake; a narrower selection that finds nothing
                // likely is
                throw new NoDeviceMatchedException(selector);
              }
              return new ClusterAnswer<>((int) changed, List.copyOf(silent));
            });
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
    return clusterFault(selector, fault).thenApply(ClusterAnswer::value);
  }

  /** As {@link #injectFault(Selector, FaultSpec)}, naming the nodes that did not answer. */
  public CompletionStage<ClusterAnswer<Integer>> clusterFault(Selector selector, FaultSpec fault) {
    return change(selector, new FleetAgent.Change(FleetAgent.Op.FAULT, fault, null));
  }

  /**
   * Changes interval, generators or labels of the selected devices (see {@link BehaviourUpdate} for
   * the checks); completes with how many devices changed.
   */
  public CompletionStage<Integer> update(Selector selector, BehaviourUpdate update) {
    return clusterUpdate(selector, update).thenApply(ClusterAnswer::value);
  }

  /** As {@link #update}, naming the nodes that did not answer. */
  public CompletionStage<ClusterAnswer<Integer>> clusterUpdate(
      Selector selector, BehaviourUpdate update) {
    // All or nothing: checked against every selected profile on every node before any change.
    return change(selector, new FleetAgent.Change(FleetAgent.Op.UPDATE, null, update));
  }

  /** The ids of the selected devices on this node, in id order (rollouts walk them in batches). */
  public List<String> ids(Selector selector) {
    return local.ids(selector);
  }

  /** Publishes a fleet-level event (scenario steps) to the event feeds and the log. */
  public void publishEvent(LifecycleEvent event) {
    events.publish(event);
  }

  public SimClock clock() {
    return clock;
  }

  /** Counts by state and by type of the selected devices on this node, from its directory. */
  public FleetStatus status(Selector selector) {
    return local.status(selector);
  }

  /** Counts by state and by type of the selected devices on every node, and per node. */
  public CompletionStage<ClusterAnswer<ClusterFleetStatus>> clusterStatus(Selector selector) {
    String text = selector.toString();
    return fanOut
        .<FleetAgent.StatusReply>ask(r -> new FleetAgent.Status(text, r), agentTimeout)
        .thenApply(
            g -> {
              Map<String, FleetStatus> byNode = new TreeMap<>();
              g.answers().forEach((node, r) -> byNode.put(node, r.status()));
              return new ClusterAnswer<>(FleetMerge.status(byNode), g.missing());
            });
  }

  /**
   * A page of the selected devices on this node in id order, starting after {@code cursor} (a
   * device id, or null for the first page).
   */
  public DevicePage list(Selector selector, Optional<Lifecycle> state, int limit, String cursor) {
    checkLimit(limit);
    return local.page(selector, state, limit, cursor);
  }

  /**
   * A page of the selected devices of the whole cluster in id order, starting after {@code cursor}
   * (a device id, or null for the first page): each id once, across pages too.
   */
  public CompletionStage<ClusterAnswer<ClusterPage>> clusterList(
      Selector selector, Optional<Lifecycle> state, int limit, String cursor) {
    checkLimit(limit);
    String text = selector.toString();
    return fanOut
        .<FleetAgent.PageReply>ask(
            r -> new FleetAgent.Page(text, state.orElse(null), limit, cursor, r), agentTimeout)
        .thenApply(
            g ->
                new ClusterAnswer<>(
                    FleetMerge.page(
                        g.answers().values().stream()
                            .map(r -> new FleetMerge.NodePage(r.rows(), r.more()))
                            .toList(),
                        limit),
                    g.missing()));
  }

  /**
   * One page of the dashboard's device table over the whole cluster: the selected devices (in
   * {@code state} when given) in the order of {@code sort}, ties by id, from {@code offset}. Every
   * node sorts its own; the pages are cut from the merge of all nodes' rows, so they are exact and
   * {@code total} counts every answering node's matches. A node that does not answer, or whose rows
   * stop coming, is named in the answer and its devices are not in it.
   */
  public CompletionStage<ClusterAnswer<DeviceTable.Page>> clusterTable(
      Selector selector,
      Optional<Lifecycle> state,
      DeviceTable.Sort sort,
      boolean descending,
      long offset,
      int limit) {
    checkLimit(limit);
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be >= 0 (got " + offset + ")");
    }
    String text = selector.toString();
    return fanOut
        .<FleetAgent.TableOffer>ask(
            r ->
                new FleetAgent.Table(text, state.orElse(null), sort, descending, offset + limit, r),
            agentTimeout)
        .thenCompose(
            g -> {
              Set<String> silent = ConcurrentHashMap.newKeySet();
              silent.addAll(g.missing());
              long total = 0;
              List<Source<DeviceRow, NotUsed>> sources = new ArrayList<>();
              for (Map.Entry<String, FleetAgent.TableOffer> e : g.answers().entrySet()) {
                String node = e.getKey();
                total += e.getValue().total();
                sources.add(
                    e.getValue()
                        .rows()
                        .getSource()
                        // a node that stops sending mid-page is named, not waited for forever
                        .idleTimeout(agentTimeout)
                        .recoverWithRetries(
                            1,
                            new PFBuilder<Throwable, Source<DeviceRow, NotUsed>>()
                                .matchAny(
                                    t -> {
                                      silent.add(node);
                                      return Source.empty();
                                    })
                                .build()));
              }
              long matched = total;
              return TableMerge.page(
                      sources, DeviceTable.order(sort, descending), offset, limit, system)
                  .thenApply(
                      rows ->
                          new ClusterAnswer<>(
                              new DeviceTable.Page(List.copyOf(rows), matched),
                              List.copyOf(new TreeSet<>(silent))));
            });
  }

  /**
   * The faults active on the cluster's devices, grouped by injection (one group for a fault that
   * reached devices on several nodes), soonest to end first; nodes that did not answer are named.
   */
  public CompletionStage<ClusterAnswer<ActiveFaults>> activeFaults() {
    return fanOut
        .<FleetAgent.FaultsReply>ask(FleetAgent.Faults::new, agentTimeout)
        .thenApply(
            g -> {
              long lost = 0;
              List<List<ActiveFault>> byNode = new ArrayList<>();
              for (FleetAgent.FaultsReply r : g.answers().values()) {
                byNode.add(r.faults());
                lost += r.lostEvents();
              }
              return new ClusterAnswer<>(
                  new ActiveFaults(FleetMerge.faults(byNode, clock.simNowMillis()), lost),
                  g.missing());
            });
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit: must be 1..10000 (got " + limit + ")");
    }
  }

  /** The device's detail, from whichever node runs it, or empty when none does. */
  public CompletionStage<Optional<DeviceDetail>> get(String deviceId) {
    return clusterGet(deviceId).thenApply(ClusterAnswer::value);
  }

  /**
   * As {@link #get}; when no node has it and some did not answer, the answer names them (the device
   * may be there).
   */
  public CompletionStage<ClusterAnswer<Optional<DeviceDetail>>> clusterGet(String deviceId) {
    if (directory.get(deviceId).isPresent()) {
      return local.get(deviceId).thenApply(d -> new ClusterAnswer<>(d, List.of()));
    }
    return fanOut
        .<FleetAgent.GetReply>ask(r -> new FleetAgent.Get(deviceId, r), agentTimeout)
        .thenApply(
            g -> {
              Optional<DeviceDetail> found =
                  g.answers().values().stream()
                      .map(FleetAgent.GetReply::detail)
                      .filter(java.util.Objects::nonNull)
                      .findFirst();
              return new ClusterAnswer<>(found, found.isPresent() ? List.of() : g.missing());
            });
  }

  /**
   * The live readings of the selected devices on every node (each node filters its own); a slow
   * reader loses readings, counted.
   */
  public Hub.Feed<DeviceReading> telemetry(Selector selector) {
    String text = selector.toString();
    return new StreamFanIn<WireReading, FleetAgent.TelemetryOffer, DeviceReading>(
            system,
            agents,
            agentTimeout,
            "telemetry",
            r -> new FleetAgent.OpenTelemetry(text, telemetryBuffer, r),
            FleetAgent.TelemetryOffer::source,
            WireReading::toReading,
            WireReading::lostBefore)
        .merge(DeviceReading.class, feeds.telemetry(selector, telemetryBuffer));
  }

  /** The live events of the selected devices on every node, of the given types (all when empty). */
  public Hub.Feed<LifecycleEvent> events(Selector selector, Set<EventType> types) {
    String text = selector.toString();
    Set<EventType> wanted = Set.copyOf(types);
    return new StreamFanIn<WireEvent, FleetAgent.EventOffer, LifecycleEvent>(
            system,
            agents,
            agentTimeout,
            "events",
            r -> new FleetAgent.OpenEvents(text, wanted, eventBuffer, r),
            FleetAgent.EventOffer::source,
            WireEvent::toEvent,
            WireEvent::lostBefore)
        .merge(LifecycleEvent.class, feeds.events(selector, types, eventBuffer));
  }

  /** The cluster's members, their reachability, and each member's shards and devices. */
  public CompletionStage<ClusterOverview> clusterOverview() {
    return fanOut
        .<FleetAgent.NodeReport>ask(FleetAgent.Describe::new, agentTimeout)
        .thenApply(
            g -> {
              var state = org.apache.pekko.cluster.typed.Cluster.get(system).state();
              java.util.Set<org.apache.pekko.cluster.Member> unreachable =
                  new java.util.HashSet<>();
              state.getUnreachable().forEach(unreachable::add);
              List<ClusterOverview.Member> members = new ArrayList<>();
              List<String> missing = new ArrayList<>(g.missing());
              for (org.apache.pekko.cluster.Member m : state.getMembers()) {
                String node = NodeName.of(m.address());
                FleetAgent.NodeReport r = g.answers().get(node);
                if (r == null && !missing.contains(node)) {
                  missing.add(node);
                }
                members.add(
                    new ClusterOverview.Member(
                        node,
                        m.status().toString().toLowerCase(java.util.Locale.ROOT),
                        !unreachable.contains(m),
                        List.copyOf(new java.util.TreeSet<>(m.getRoles())),
                        r == null ? -1 : r.shards(),
                        r == null ? -1 : r.devices(),
                        r == null ? -1 : r.maxDevices()));
              }
              java.util.Collections.sort(missing);
              String leader = state.getLeader() == null ? null : NodeName.of(state.getLeader());
              return new ClusterOverview(NodeName.self(system), leader, members, missing);
            });
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

  /** The cluster's master seed (the first node's), for the batches this node spawns from now. */
  public void useMasterSeed(long seed) {
    this.masterSeed = seed;
  }
}
