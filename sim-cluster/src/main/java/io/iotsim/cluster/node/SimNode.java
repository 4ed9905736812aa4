package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import io.iotsim.cluster.fleet.DeviceSharding;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.fleet.FleetRegistry;
import io.iotsim.cluster.fleet.RuntimeStatus;
import io.iotsim.cluster.grpc.DeviceRuntimeServiceImpl;
import io.iotsim.cluster.grpc.ScenarioServiceImpl;
import io.iotsim.cluster.hub.EventHub;
import io.iotsim.cluster.hub.TelemetryHub;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.NodeCounters;
import io.iotsim.core.publish.PublisherRegistry;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceHandlerFactory;
import io.iotsim.proto.simulator.v1.ScenarioServiceHandlerFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One iot-sim node: an actor system in a Pekko cluster, the device entities it hosts, the tick
 * scheduler, publishers, telemetry and event hubs, and the gRPC server. {@link #start} is used by
 * {@code iot-sim node} and, embedded, by {@code iot-sim run} and {@code bench}.
 */
public final class SimNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimNode.class);

  private final ActorSystem<Void> system;
  private final NodeSettings settings;
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
  private final io.iotsim.cluster.scenario.ScenarioJobs scenarios;
  private final String runId;
  private final long startedNanos = System.nanoTime();
  private volatile ServerBinding grpcBinding;
  private final List<String> banner = new ArrayList<>();

  private SimNode(Config config, NodeSettings settings) {
    this.settings = settings;
    this.runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    this.system = ActorSystem.create(Behaviors.empty(), "iot-sim", config);
    this.clock =
        settings.speed() == SimClock.MAX_SPEED
            ? SimClock.maxSpeed(settings.simStart())
            : SimClock.startingAt(settings.simStart(), settings.speed());
    this.publishers = new PublisherRegistry(system, config.getConfig("iot-sim"), settings.output());
    this.scheduler =
        new TickScheduler<>(
            clock, DeviceActor.Advance::new, DeviceActor.Unscheduled.INSTANCE, publishers::onWatermark, settings.scheduler());
    this.directory = new DeviceDirectory();
    this.counters = new NodeCounters();
    this.telemetry = new TelemetryHub();
    this.events = new EventHub(settings.logLifecycle());
    FleetRegistry registry = new FleetRegistry();
    DeviceSharding.Passivation passivation = new DeviceSharding.Passivation();
    this.host =
        new NodeHost(clock, scheduler, directory, telemetry, events, counters, publishers, registry, passivation);
    this.fleet =
        new Fleet(
            system,
            DeviceSharding.init(system, host, passivation),
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
    this.scenarios = new io.iotsim.cluster.scenario.ScenarioJobs(system, fleet, scheduler, clock);
    system
        .scheduler()
        .scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), messageRate::sample, system.executionContext());
  }

  /**
   * Starts a node: joins the cluster (itself when no seed nodes are configured), starts the
   * scheduler, and when {@code serve} binds gRPC (port 0: any free port) and starts the extensions (HTTP).
   *
   * @param serve false for an embedded node (run, bench, tests) that serves nothing
   */
  public static SimNode start(Config config, boolean serve) {
    NodeSettings settings = NodeSettings.from(config);
    SimNode node = new SimNode(config, settings);
    try {
      node.joinCluster();
      node.scheduler.start();
      if (serve) {
        node.serveGrpc();
        for (NodeExtension extension : ServiceLoader.load(NodeExtension.class)) {
          node.banner.add(extension.start(node).toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
      }
      CoordinatedShutdown.get(node.system)
          .addTask(
              CoordinatedShutdown.PhaseServiceUnbind(),
              "iot-sim-unbind",
              () -> node.unbind().thenApply(x -> Done.getInstance()));
      return node;
    } catch (Exception e) {
      node.close();
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }
  }

  private void joinCluster() throws Exception {
    Cluster cluster = Cluster.get(system);
    if (system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node did not join the cluster within 30 s");
      }
      Thread.sleep(20);
    }
  }

  private void serveGrpc() throws Exception {
    var handler =
        ServiceHandler.concatOrNotFound(
            DeviceRuntimeServiceHandlerFactory.partial(new DeviceRuntimeServiceImpl(this), "simulator.v1.DeviceRuntimeService", system),
            ScenarioServiceHandlerFactory.partial(new ScenarioServiceImpl(scenarios, clock), "simulator.v1.ScenarioService", system));
    grpcBinding =
        Http.get(system)
            .newServerAt(settings.grpcHost(), settings.grpcPort())
            .bind(handler)
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    banner.add("gRPC on " + grpcBinding.localAddress().getHostString() + ":" + grpcBinding.localAddress().getPort());
  }

  private CompletionStage<Void> unbind() {
    ServerBinding b = grpcBinding;
    return b == null ? CompletableFuture.completedFuture(null) : b.unbind().thenApply(d -> null);
  }

  public ActorSystem<Void> system() {
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
  public io.iotsim.cluster.scenario.ScenarioJobs scenarios() {
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
    return List.copyOf(banner);
  }

  /** The port gRPC is bound to (useful when configured as 0). */
  public int grpcPort() {
    return grpcBinding == null ? -1 : grpcBinding.localAddress().getPort();
  }

  /** True once the node is a cluster member and serving. */
  public boolean ready() {
    return Cluster.get(system).selfMember().status() == MemberStatus.up();
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
        settings.masterSeed(),
        runId,
        cluster.selfMember().address().toString(),
        members);
  }

  @Override
  public void close() {
    try {
      unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("unbinding gRPC failed", e);
    }
    scheduler.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("actor system did not terminate cleanly", e);
    }
    publishers.close();
  }
}
