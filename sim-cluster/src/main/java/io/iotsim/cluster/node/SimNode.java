package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import io.iotsim.cluster.fleet.DeviceSharding;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.fleet.RuntimeStatus;
import io.iotsim.cluster.guardian.NodeGuardian;
import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.cluster.hub.EventHub;
import io.iotsim.cluster.hub.TelemetryHub;
import io.iotsim.cluster.management.ManagementSettings;
import io.iotsim.cluster.management.NodeManagement;
import io.iotsim.cluster.registry.FailoverWaker;
import io.iotsim.cluster.registry.ReplicatedRegistry;
import io.iotsim.cluster.scenario.JobRetention;
import io.iotsim.cluster.scenario.ScenarioJobs;
import io.iotsim.cluster.time.ClockEpoch;
import io.iotsim.cluster.time.ClusterTimeline;
import io.iotsim.cluster.time.TimeAgent;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.NodeCounters;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.verify.DeliveryVerifier;
import io.iotsim.core.publish.verify.VerificationReport;
import io.iotsim.core.schedule.TickScheduler;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One iot-sim node: an actor system in a Pekko cluster (its guardian, {@link NodeGuardian}, owns
 * the node's actors), the device entities it hosts, the tick scheduler, publishers, telemetry and
 * event hubs, the fleet and the scenario jobs: the node API that gRPC, REST and embedded runs all
 * call. Servers (gRPC, HTTP) are {@link NodeExtension}s started when the node serves. {@link
 * #start} is used by {@code iot-sim node} and, embedded, by {@code iot-sim run} and {@code bench}.
 */
public final class SimNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimNode.class);

  /** How long joining the cluster and binding the servers may take. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<SpawnProtocol.Command> system;
  private final Spawner children;
  private final NodeSettings settings;
  private final ManagementSettings management;
  private final SimClock clock;
  private final TickScheduler<DeviceActor.Command> scheduler;
  private final PublisherRegistry publishers;
  private final DeviceDirectory directory;
  private final NodeCounters counters;
  private final TelemetryHub telemetry;
  private final EventHub events;
  private final NodeHost host;
  private final Fleet fleet;
  private final RateMeter messageRate;
  private final ScenarioJobs scenarios;
  private final ClusterTimeline timeline;
  private final String runId;
  private final long startedNanos = System.nanoTime();
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final List<String> banner = new ArrayList<>();
  private volatile NodeVerification verification;

  private final JoinSettings join;
  private final ReplicatedRegistry registry;

  private SimNode(Config config, NodeSettings settings) {
    this.settings = settings;
    this.management = ManagementSettings.from(config);
    this.join = JoinSettings.from(config);
    // checked before the actor system starts: a bad value stops the node naming its key
    JobRetention retention = JobRetention.from(config);
    this.runId =
        HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    this.system = ActorSystem.create(NodeGuardian.create(), JoinSettings.SYSTEM, config);
    this.children = new Spawner(system, system.scheduler(), settings.askTimeout());
    this.clock =
        settings.speed() == SimClock.MAX_SPEED
            ? SimClock.maxSpeed(settings.simStart())
            : SimClock.startingAt(settings.simStart(), settings.speed());
    this.publishers = new PublisherRegistry(system, config.getConfig("iot-sim"), settings.output());
    this.scheduler =
        new TickScheduler<>(
            clock,
            DeviceActor.Advance::new,
            DeviceActor.Unscheduled.INSTANCE,
            publishers::onWatermark,
            settings.scheduler());
    // speed max: time waits for the sinks instead of their queues dropping readings
    publishers.holdWhenFull(clock::isMaxSpeed);
    scheduler.gateMaxSpeedOn(this::sinkRoom);
    this.directory = new DeviceDirectory();
    this.counters = new NodeCounters();
    this.telemetry = new TelemetryHub();
    this.events = new EventHub(settings.logLifecycle());
    FailoverSettings failover = FailoverSettings.from(config);
    this.registry = new ReplicatedRegistry(system, children, failover.registryTimeout());
    DeviceSharding.Passivation passivation = new DeviceSharding.Passivation(system);
    this.host =
        new NodeHost(
            clock,
            scheduler,
            directory,
            telemetry,
            events,
            counters,
            publishers,
            registry,
            passivation,
            failover.skipMissed(),
            Cluster.get(system));
    var region = DeviceSharding.init(system, host);
    host.region(region);
    children.spawn(
        FailoverWaker.create(
            registry,
            region,
            DeviceSharding.TYPE_KEY,
            DeviceSharding.shardOf(system),
            failover.wakeChunk(),
            failover.wakeEvery()),
        "failover-waker");
    this.fleet =
        new Fleet(
            system,
            region,
            registry,
            directory,
            publishers,
            telemetry,
            events,
            clock,
            settings.maxDevices(),
            settings.masterSeed(),
            settings.askTimeout(),
            settings.spawnTimeout(),
            settings.telemetryBuffer(),
            settings.eventBuffer());
    this.messageRate = new RateMeter(this::messagesSent);
    this.timeline =
        new ClusterTimeline(
            scheduler,
            clock,
            system.scheduler(),
            settings.askTimeout(),
            config.getDuration("iot-sim.time.watermark-timeout"));
    this.scenarios =
        new ScenarioJobs(
            children, fleet, timeline, clock, system, settings.askTimeout(), retention);
    system
        .scheduler()
        .scheduleAtFixedRate(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            messageRate::sample,
            system.executionContext());
    LossWatch losses = new LossWatch(publishers, events, clock);
    system
        .scheduler()
        .scheduleAtFixedRate(
            Duration.ofSeconds(1), Duration.ofSeconds(1), losses::check, system.executionContext());
  }

  /**
   * Starts a node: joins the cluster (itself when no seed nodes are configured), starts the
   * scheduler, and when {@code serve} starts the extensions (gRPC, HTTP; port 0: any free port).
   * Waits for all that on the calling thread, the launcher's or a test's, never a dispatcher's.
   *
   * @param serve false for an embedded node (run, bench, tests) that serves nothing
   */
  public static SimNode start(Config config, boolean serve) {
    NodeSettings settings = NodeSettings.from(config);
    SimNode node = new SimNode(config, settings);
    try {
      node.startAsync(serve)
          .toCompletableFuture()
          .get(
              node.management.joinTimeout(node.join.timeout()).toSeconds()
                  + 2 * START_TIMEOUT.toSeconds(),
              TimeUnit.SECONDS);
      NodeVerification.startIfEnabled(node, config);
      return node;
    } catch (Exception e) {
      node.close();
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException re
          ? re
          : new IllegalStateException(cause.getMessage(), cause);
    }
  }

  private CompletionStage<SimNode> startAsync(boolean serve) {
    return startManagement(serve)
        .thenCompose(x -> joinCluster())
        .thenCompose(up -> joinClock())
        .thenCompose(up -> scenarios.shareWithCluster())
        .thenCompose(
            up -> serve ? startExtensions() : CompletableFuture.completedFuture((Void) null))
        .thenApply(x -> this);
  }

  /** Completes when this node is Up in its cluster (from membership events, no polling). */
  private CompletionStage<Done> joinCluster() {
    Cluster cluster = Cluster.get(system);
    switch (join.mode()) {
      case SELF -> cluster.manager().tell(Join.create(cluster.selfMember().address()));
      case SEEDS -> cluster.manager().tell(new JoinSeedNodes(join.seeds()));
      case BOOTSTRAP -> NodeManagement.startBootstrap(system);
      case PEKKO -> {
        // pekko.cluster.seed-nodes from a --config file: Pekko joins them by itself
      }
    }
    Duration timeout = management.joinTimeout(join.timeout());
    CompletableFuture<Done> up = new CompletableFuture<>();
    return children
        .spawn(ClusterJoin.create(up), "cluster-join")
        .thenCompose(watcher -> up.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .exceptionally(
            e -> {
              Throwable cause = e.getCause() != null ? e.getCause() : e;
              if (cause instanceof TimeoutException) {
                throw new IllegalStateException(
                    "node did not join the cluster within "
                        + timeout.toSeconds()
                        + " s (join "
                        + join.mode().name().toLowerCase(java.util.Locale.ROOT)
                        + (join.seeds().isEmpty() ? "" : ", seed nodes " + join.seeds())
                        + ")");
              }
              throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
            });
  }

  /**
   * Joins the cluster's one clock (proposing this node's, which the first node's wins over) and
   * starts the scheduler on it: where this node's own clock began, or, following another node's
   * epoch, at the cluster's simulated time now.
   */
  private CompletionStage<Void> joinClock() {
    ClockEpoch own =
        new ClockEpoch(
            clock.simStartMillis(),
            clock.wallEpochMillis(),
            clock.speed(),
            settings.masterSeed(),
            0);
    return children
        .spawn(
            TimeAgent.create(
                clock, scheduler, timeline, fleet::useMasterSeed, settings.askTimeout()),
            "time")
        .thenCompose(agent -> timeline.adopt(agent, own))
        .thenAccept(
            epoch -> {
              if (epoch.equals(own)) {
                scheduler.start();
              } else {
                scheduler.startFrom(clock.simNowMillis());
              }
            });
  }

  /**
   * Pekko Management HTTP (health checks, Cluster Bootstrap's routes) starts before joining, so an
   * orchestrator sees the node alive while it joins, and bootstrap's contact points can probe it.
   */
  private CompletionStage<Void> startManagement(boolean serve) {
    if (!management.starts(serve)) {
      return CompletableFuture.completedFuture(null);
    }
    return NodeManagement.start(system)
        .thenAccept(
            address -> {
              Endpoint endpoint =
                  new Endpoint(
                      "management",
                      address,
                      "management on "
                          + address.getHostString()
                          + ":"
                          + address.getPort()
                          + " (/ready, /alive)");
              endpoints.put(endpoint.name(), endpoint);
              synchronized (banner) {
                banner.add(endpoint.banner());
              }
            });
  }

  /** How many nodes' clock agents this node knows (itself included): the nodes a scenario holds. */
  public int clockNodes() {
    return timeline.nodes();
  }

  /** Changes the cluster's speed from now on, on every node; completes with the new epoch. */
  public CompletionStage<ClockEpoch> changeSpeed(double speed) {
    return timeline.changeSpeed(speed);
  }

  /** Starts the servers found on the class path one after the other, in their order. */
  private CompletionStage<Void> startExtensions() {
    List<NodeExtension> found = new ArrayList<>();
    ServiceLoader.load(NodeExtension.class).forEach(found::add);
    found.sort(Comparator.comparingInt(NodeExtension::order));
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (NodeExtension extension : found) {
      chain =
          chain.thenCompose(
              x ->
                  extension
                      .start(this)
                      .toCompletableFuture()
                      .orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                      .thenAccept(
                          endpoint -> {
                            endpoints.put(endpoint.name(), endpoint);
                            synchronized (banner) {
                              banner.add(endpoint.banner());
                            }
                          }));
    }
    return chain;
  }

  public ActorSystem<SpawnProtocol.Command> system() {
    return system;
  }

  public NodeSettings settings() {
    return settings;
  }

  public SimClock clock() {
    return clock;
  }

  public TickScheduler<DeviceActor.Command> scheduler() {
    return scheduler;
  }

  public Fleet fleet() {
    return fleet;
  }

  /** The scenario jobs submitted to this node. */
  public ScenarioJobs scenarios() {
    return scenarios;
  }

  public NodeCounters counters() {
    return counters;
  }

  public PublisherRegistry publishers() {
    return publishers;
  }

  public TelemetryHub telemetry() {
    return telemetry;
  }

  public EventHub events() {
    return events;
  }

  /** The spawn batches compiled on this node, with their per-batch sent/dropped counters. */
  public java.util.Collection<io.iotsim.core.device.CompiledBatch> batches() {
    return host.compiledBatches();
  }

  /** This node's devices; read-only outside sim-core. */
  public DeviceDirectory directory() {
    return directory;
  }

  public String runId() {
    return runId;
  }

  /** Lines describing what the node serves, for the start-up banner. */
  public List<String> banner() {
    synchronized (banner) {
      return List.copyOf(banner);
    }
  }

  /** Where an extension's server listens, by its {@link Endpoint#name}; empty when not serving. */
  public Optional<InetSocketAddress> endpoint(String name) {
    return Optional.ofNullable(endpoints.get(name)).map(Endpoint::address);
  }

  /**
   * The port gRPC is bound to (useful when configured as 0), or -1 when the node does not serve.
   */
  public int grpcPort() {
    return endpoint("grpc").map(InetSocketAddress::getPort).orElse(-1);
  }

  /** True once the node is an Up cluster member and has synced the fleet registry. */
  public boolean ready() {
    return Cluster.get(system).selfMember().status() == MemberStatus.up() && registry.synced();
  }

  /** The fleet registry, replicated to every node. */
  public ReplicatedRegistry registry() {
    return registry;
  }

  /** Devices recreated on this node from the registry (failover, moved shards). */
  public long relocations() {
    return host.relocations();
  }

  private long messagesSent() {
    long sum = 0;
    for (var p : publishers.all()) {
      sum += p.stats().sentOkCount();
    }
    return sum;
  }

  public RuntimeStatus runtimeStatus() {
    Runtime rt = Runtime.getRuntime();
    List<PublisherStats.Snapshot> protocols = new ArrayList<>();
    for (var p : publishers.all()) {
      protocols.add(p.stats().snapshot());
    }
    Cluster cluster = Cluster.get(system);
    int members = 0;
    for (var m : cluster.state().getMembers()) {
      members++;
    }
    return new RuntimeStatus(
        directory.size(),
        counters.readings(),
        messagesSent(),
        messageRate.perSecond(),
        rt.totalMemory() - rt.freeMemory(),
        rt.maxMemory(),
        Duration.ofNanos(System.nanoTime() - startedNanos),
        ManagementFactory.getThreadMXBean().getThreadCount(),
        settings.maxDevices(),
        telemetry.droppedTotal(),
        counters.publishDropped(),
        counters.deviceErrors(),
        protocols,
        clock.simNowMillis(),
        clock.speed(),
        fleet.masterSeed(),
        runId,
        cluster.selfMember().address().toString(),
        members);
  }

  @Override
  public void close() {
    scheduler.close();
    // Runs CoordinatedShutdown: the extensions unbind and drain first.
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("actor system did not terminate cleanly", e);
    }
    publishers.close();
    NodeVerification v = verification;
    if (v != null) {
      v.close();
    }
  }

  /**
   * Checks delivery by subscribing back from now on (run --verify, or {@code iot-sim.verify}): the
   * publishers tell {@code verifier} of every reading they take; {@code subscription} is closed
   * with the node, after the publishers drained.
   */
  public void verifyWith(DeliveryVerifier verifier, AutoCloseable subscription) {
    this.verification = new NodeVerification(verifier, subscription);
    publishers.observe(verifier);
  }

  /**
   * How many more readings the sinks take at speed max: the fullest publisher's room and, while
   * delivery is verified, how far the subscriber may still fall behind.
   */
  private long sinkRoom() {
    long room = publishers.room();
    NodeVerification v = verification;
    return v == null ? room : Math.min(room, v.verifier().room());
  }

  /** What delivery verification found so far, when it is on. */
  public Optional<VerificationReport> verification() {
    NodeVerification v = verification;
    return v == null ? Optional.empty() : Optional.of(v.verifier().report());
  }
}
