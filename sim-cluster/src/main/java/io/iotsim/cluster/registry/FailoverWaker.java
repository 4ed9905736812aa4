package io.iotsim.cluster.registry;

import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.SpawnBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Restarts a removed node's devices on the survivors, from the registry alone: when a member is
 * removed (downed after a crash, or left), the oldest remaining node sends {@link DeviceActor.Wake}
 * through sharding to every device of every batch that is not tombstoned and whose shard no live
 * node holds, a chunk at a time. Sharding creates those entities on the survivors; each recovers
 * from the registry. Batches are id ranges, so nothing per device is stored for this.
 *
 * <p>It wakes as soon as sharding can place the removed node's shards, not after a fixed pause: it
 * asks the shard coordinator for every region's shards until the answer no longer waits on the
 * removed node. When the removed node held the coordinator, that is seconds later (a new one starts
 * on the oldest survivor); a Wake sent before it would sit in a region's bounded buffer, and one
 * that overflows it would be lost (measured at 100,000 devices: 701 stranded). The answer also says
 * which shards still run, so only the removed node's devices are woken, not the whole fleet. A
 * second pass a little later wakes any device the first one missed; Wake is idempotent.
 */
public final class FailoverWaker extends AbstractBehavior<FailoverWaker.Command> {

  public interface Command {}

  private record Removed(ClusterEvent.MemberRemoved event)
      implements Command, NoSerializationVerificationNeeded {}

  /** Asks the coordinator where the shards are. */
  private enum Probe implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private record Placement(ShardRegion.ClusterShardingStats stats)
      implements Command, NoSerializationVerificationNeeded {}

  private enum Next implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** How often the coordinator is asked while it cannot answer yet. */
  private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

  /** How long one answer may take; a region that does not answer in time empties the answer. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * After this long without an answer that names where the shards are, every device is woken
   * (sharding still places them once a coordinator runs; regions buffer what they can).
   */
  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  /** Between the first pass and the second, which catches what the first could not place. */
  private static final Duration SECOND_PASS = Duration.ofSeconds(10);

  private static final int PASSES = 2;

  public static Behavior<Command> create(
      ReplicatedRegistry registry,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> region,
      EntityTypeKey<?> typeKey,
      Function<String, String> shardOf,
      int chunk,
      Duration every) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new FailoverWaker(
                        ctx, timers, registry, region, typeKey, shardOf, chunk, every)));
  }

  private final TimerScheduler<Command> timers;
  private final ReplicatedRegistry registry;
  private final ActorRef<ShardingEnvelope<DeviceActor.Command>> region;
  private final EntityTypeKey<?> typeKey;
  private final Function<String, String> shardOf;
  private final int chunk;
  private final Duration every;
  private final Cluster cluster;
  private final ActorRef<ShardRegion.ClusterShardingStats> placements;

  /** Batches still to wake, where in the first one the next chunk starts, and which to wake. */
  private final Deque<SpawnBatch> pending = new ArrayDeque<>();

  private long cursor;
  private Predicate<String> orphaned = id -> true;

  /** Between a removal (or the pause before a pass) and the pass: answers are awaited. */
  private boolean probing;

  private long probingSince;
  private int passesDone;
  private int woken;

  private FailoverWaker(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      ReplicatedRegistry registry,
      ActorRef<ShardingEnvelope<DeviceActor.Command>> region,
      EntityTypeKey<?> typeKey,
      Function<String, String> shardOf,
      int chunk,
      Duration every) {
    super(ctx);
    this.timers = timers;
    this.registry = registry;
    this.region = region;
    this.typeKey = typeKey;
    this.shardOf = shardOf;
    this.chunk = chunk;
    this.every = every;
    this.cluster = Cluster.get(ctx.getSystem());
    this.placements = ctx.messageAdapter(ShardRegion.ClusterShardingStats.class, Placement::new);
    cluster
        .subscriptions()
        .tell(
            Subscribe.create(
                ctx.messageAdapter(ClusterEvent.MemberRemoved.class, Removed::new),
                ClusterEvent.MemberRemoved.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Removed.class, this::onRemoved)
        .onMessageEquals(Probe.INSTANCE, this::onProbe)
        .onMessage(Placement.class, this::onPlacement)
        .onMessageEquals(Next.INSTANCE, this::onNext)
        .build();
  }

  private Behavior<Command> onRemoved(Removed m) {
    if (!oldest()) {
      return this;
    }
    getContext()
        .getLog()
        .info(
            "member {} removed: waking its devices on the survivors once sharding can place them",
            m.event().member().address());
    passesDone = 0;
    pending.clear();
    probing = true;
    probingSince = System.nanoTime();
    // the local region learns of the removal from the same event; a Wake it still routed to the
    // removed node would be lost (until the second pass), so give it a moment
    timers.startSingleTimer(Probe.INSTANCE, PROBE_EVERY);
    return this;
  }

  private Behavior<Command> onProbe() {
    if (!probing) {
      probing = true;
      probingSince = System.nanoTime();
    }
    if (Duration.ofNanos(System.nanoTime() - probingSince).compareTo(GIVE_UP) > 0) {
      getContext().getLog().warn("no shard placement after {}: waking every device", GIVE_UP);
      return startPass(id -> true);
    }
    ClusterSharding.get(getContext().getSystem())
        .shardState()
        .tell(new GetClusterShardingStats(typeKey, PROBE_TIMEOUT, placements));
    // the region forwards to the coordinator it knows, which may be the dead one: never answered
    timers.startSingleTimer(Probe.INSTANCE, PROBE_TIMEOUT.plus(PROBE_EVERY));
    return this;
  }

  /**
   * An answer that names regions came from a running coordinator after every region it knows
   * answered, so the removed node's region is gone from it and its shards can be placed again. It
   * is used once every Up member's region is in it: a new coordinator knows only the regions that
   * registered with it so far (they retry every 2 s), and a shard of a region it does not know yet
   * would look orphaned. An empty answer: no coordinator yet, or a region did not answer in time.
   */
  private Behavior<Command> onPlacement(Placement p) {
    if (!probing) {
      return this;
    }
    var regions = p.stats().getRegions();
    if (!regions.keySet().containsAll(upMembers())) {
      timers.startSingleTimer(Probe.INSTANCE, PROBE_EVERY);
      return this;
    }
    Set<String> held = new HashSet<>();
    for (ShardRegion.ShardRegionStats r : regions.values()) {
      held.addAll(r.getStats().keySet());
      held.addAll(r.getFailed());
    }
    return startPass(id -> !held.contains(shardOf.apply(id)));
  }

  private Behavior<Command> startPass(Predicate<String> which) {
    timers.cancel(Probe.INSTANCE);
    probing = false;
    passesDone++;
    woken = 0;
    orphaned = which;
    pending.clear();
    pending.addAll(registry.batches());
    cursor = pending.isEmpty() ? 0 : pending.peekFirst().firstIndex();
    return onNext();
  }

  private Set<Address> upMembers() {
    Set<Address> up = new HashSet<>();
    for (Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up()) {
        up.add(m.address());
      }
    }
    return up;
  }

  /**
   * Whether this node is the oldest Up member left (one node wakes; a second would be harmless). A
   * node that is leaving itself is not: it sees the others removed as it shuts down.
   */
  private boolean oldest() {
    Member self = cluster.selfMember();
    if (self.status() != MemberStatus.up()) {
      return false;
    }
    for (Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up() && !m.equals(self) && m.isOlderThan(self)) {
        return false;
      }
    }
    return true;
  }

  private Behavior<Command> onNext() {
    int looked = 0;
    while (looked < chunk && !pending.isEmpty()) {
      SpawnBatch b = pending.peekFirst();
      long end = b.firstIndex() + b.count();
      for (; cursor < end && looked < chunk; cursor++, looked++) {
        String id = b.deviceId(cursor);
        if (orphaned.test(id) && !registry.tombstoned(id)) {
          region.tell(new ShardingEnvelope<>(id, DeviceActor.Wake.INSTANCE));
          woken++;
        }
      }
      if (cursor >= end) {
        pending.pollFirst();
        cursor = pending.isEmpty() ? 0 : pending.peekFirst().firstIndex();
      }
    }
    if (!pending.isEmpty()) {
      timers.startSingleTimer(Next.INSTANCE, every);
      return this;
    }
    getContext().getLog().info("failover pass {}: woke {} devices", passesDone, woken);
    if (passesDone < PASSES) {
      timers.startSingleTimer(Probe.INSTANCE, SECOND_PASS);
    }
    return this;
  }
}
