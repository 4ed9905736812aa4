package io.iotsim.cluster.time;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.schedule.TickScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The clock and barrier agent of a node, one per node, registered with the Receptionist under
 * {@link #KEY}. It keeps the node's {@link SimClock} on the cluster's one {@link ClockEpoch}
 * (replicated in Distributed Data: the first node's epoch and master seed, then every speed change)
 * and holds this node's scheduler at simulated times other nodes' scenario jobs ask for ({@link
 * ClusterTimeline}), answering when its watermark reaches a time. A hold whose owner's node leaves
 * the cluster is released, so a dead node never freezes the others' time.
 */
public final class TimeAgent extends AbstractBehavior<TimeAgent.Command> {

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "iot-sim-time");

  static final Key<LWWRegister<ClockEpoch>> EPOCH = LWWRegisterKey.create("iot-sim-clock-epoch");

  public interface Command extends CborSerializable {}

  /** Joins the cluster's clock, proposing {@code proposal} if the cluster has none yet. */
  public record Adopt(ClockEpoch proposal, CompletableFuture<ClockEpoch> reply)
      implements Command, NoSerializationVerificationNeeded {}

  /** Changes the cluster's speed from now on. */
  public record ChangeSpeed(double speed, CompletableFuture<ClockEpoch> reply)
      implements Command, NoSerializationVerificationNeeded {}

  /** Hold this node's simulated time at {@code atMillis} until {@link Release}d. */
  public record Hold(String id, long atMillis, ActorRef<Command> owner, ActorRef<Held> replyTo)
      implements Command {}

  public record Held(String id, String node) implements CborSerializable {}

  public record Release(String id) implements Command {}

  /** Answer once this node's watermark has reached {@code atMillis}. */
  public record AwaitWatermark(long atMillis, ActorRef<WatermarkReached> replyTo)
      implements Command {}

  public record WatermarkReached(long atMillis, long watermark, String node)
      implements CborSerializable {}

  private record EpochSeen(Replicator.SubscribeResponse<LWWRegister<ClockEpoch>> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record Written(
      Replicator.UpdateResponse<LWWRegister<ClockEpoch>> response,
      CompletableFuture<ClockEpoch> reply)
      implements Command, NoSerializationVerificationNeeded {}

  private record Read(
      Replicator.GetResponse<LWWRegister<ClockEpoch>> response, CompletableFuture<ClockEpoch> reply)
      implements Command, NoSerializationVerificationNeeded {}

  /** What a majority holds when a node adopts the clock: the cluster's epoch, or none yet. */
  private record Found(Replicator.GetResponse<LWWRegister<ClockEpoch>> response, Adopt adopt)
      implements Command, NoSerializationVerificationNeeded {}

  private record OwnerGone(ActorRef<Command> owner)
      implements Command, NoSerializationVerificationNeeded {}

  private record Agents(Receptionist.Listing listing)
      implements Command, NoSerializationVerificationNeeded {}

  private record Reached(long atMillis, long watermark, ActorRef<WatermarkReached> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  private record Owned(TickScheduler.Barrier barrier, ActorRef<Command> owner) {}

  /**
   * @param timeline told of this agent and of every node's agent as the cluster changes
   * @param onSeed told the cluster's master seed whenever this node adopts an epoch
   * @param writeTimeout how long a majority write of the epoch may take
   */
  public static Behavior<Command> create(
      SimClock clock,
      TickScheduler<?> scheduler,
      ClusterTimeline timeline,
      LongConsumer onSeed,
      Duration writeTimeout) {
    return Behaviors.setup(
        ctx ->
            DistributedData.<Command, LWWRegister<ClockEpoch>>withReplicatorMessageAdapter(
                replicator ->
                    new TimeAgent(
                        ctx, replicator, clock, scheduler, timeline, onSeed, writeTimeout)));
  }

  private final ReplicatorMessageAdapter<Command, LWWRegister<ClockEpoch>> replicator;
  private final SelfUniqueAddress self;
  private final SimClock clock;
  private final TickScheduler<?> scheduler;
  private final ClusterTimeline timeline;
  private final LongConsumer onSeed;
  private final Duration writeTimeout;
  private final String node;
  private final Map<String, Owned> holds = new HashMap<>();
  private final Set<ActorRef<Command>> watched = new HashSet<>();
  private ClockEpoch followed;

  private TimeAgent(
      ActorContext<Command> context,
      ReplicatorMessageAdapter<Command, LWWRegister<ClockEpoch>> replicator,
      SimClock clock,
      TickScheduler<?> scheduler,
      ClusterTimeline timeline,
      LongConsumer onSeed,
      Duration writeTimeout) {
    super(context);
    this.replicator = replicator;
    this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
    this.clock = clock;
    this.scheduler = scheduler;
    this.timeline = timeline;
    this.onSeed = onSeed;
    this.writeTimeout = writeTimeout;
    this.node = context.getSystem().address().toString();
    timeline.localAgent(context.getSelf());
    replicator.subscribe(EPOCH, EpochSeen::new);
    var system = context.getSystem();
    system.receptionist().tell(Receptionist.register(KEY, context.getSelf()));
    system
        .receptionist()
        .tell(
            Receptionist.subscribe(
                KEY, context.messageAdapter(Receptionist.Listing.class, Agents::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Adopt.class, this::onAdopt)
        .onMessage(Found.class, this::onFound)
        .onMessage(ChangeSpeed.class, this::onChangeSpeed)
        .onMessage(Written.class, this::onWritten)
        .onMessage(Read.class, this::onRead)
        .onMessage(EpochSeen.class, this::onEpochSeen)
        .onMessage(Hold.class, this::onHold)
        .onMessage(Release.class, this::onRelease)
        .onMessage(OwnerGone.class, this::onOwnerGone)
        .onMessage(AwaitWatermark.class, this::onAwaitWatermark)
        .onMessage(Reached.class, this::onReached)
        .onMessage(Agents.class, this::onAgents)
        .build();
  }

  /**
   * Reads the epoch from a majority first (the node is Up, so that asks the other members). An
   * update alone starts from this node's replica: a joining node that gossip had not reached yet
   * wrote its own epoch and ran on it until the cluster's arrived.
   */
  private Behavior<Command> onAdopt(Adopt a) {
    replicator.askGet(
        replyTo -> new Replicator.Get<>(EPOCH, new Replicator.ReadMajority(writeTimeout), replyTo),
        response -> new Found(response, a));
    return this;
  }

  private Behavior<Command> onFound(Found f) {
    if (f.response() instanceof Replicator.GetSuccess<?>) {
      // the cluster's epoch: followed and answered as after a write
      return onRead(new Read(f.response(), f.adopt().reply()));
    }
    Adopt a = f.adopt();
    // none yet (or no majority answered): set if absent, an existing epoch is kept as it is
    replicator.askUpdate(
        replyTo ->
            new Replicator.Update<>(
                EPOCH,
                LWWRegister.create(self, a.proposal(), EpochOrder.INSTANCE),
                new Replicator.WriteMajority(writeTimeout),
                replyTo,
                existing -> existing),
        response -> new Written(response, a.reply()));
    return this;
  }

  private Behavior<Command> onChangeSpeed(ChangeSpeed c) {
    long simNow = clock.simNowMillis();
    long wallNow = System.currentTimeMillis();
    ClockEpoch fallback =
        followed != null
            ? followed
            : new ClockEpoch(clock.simStartMillis(), clock.wallEpochMillis(), clock.speed(), 0, 0);
    replicator.askUpdate(
        replyTo ->
            new Replicator.Update<>(
                EPOCH,
                LWWRegister.create(self, fallback, EpochOrder.INSTANCE),
                new Replicator.WriteMajority(writeTimeout),
                replyTo,
                existing ->
                    existing.withValue(
                        self,
                        existing.value().withSpeed(simNow, wallNow, c.speed()),
                        EpochOrder.INSTANCE)),
        response -> new Written(response, c.reply()));
    return this;
  }

  private Behavior<Command> onWritten(Written w) {
    if (!(w.response() instanceof Replicator.UpdateSuccess)) {
      // the local replica has it all the same; gossip carries it to the others
      getContext()
          .getLog()
          .warn("clock epoch not confirmed by a majority in {}: {}", writeTimeout, w.response());
    }
    replicator.askGet(
        replyTo -> new Replicator.Get<>(EPOCH, Replicator.readLocal(), replyTo),
        response -> new Read(response, w.reply()));
    return this;
  }

  private Behavior<Command> onRead(Read r) {
    if (r.response() instanceof Replicator.GetSuccess<LWWRegister<ClockEpoch>> ok) {
      ClockEpoch epoch = ok.get(EPOCH).value();
      follow(epoch);
      r.reply().complete(epoch);
    } else {
      r.reply()
          .completeExceptionally(
              new IllegalStateException("clock epoch could not be read: " + r.response()));
    }
    return this;
  }

  private Behavior<Command> onEpochSeen(EpochSeen e) {
    if (e.response() instanceof Replicator.Changed<LWWRegister<ClockEpoch>> changed) {
      // only once this node has joined the clock (Adopt): before that the node's own start holds
      if (followed != null) {
        follow(changed.get(EPOCH).value());
      }
    }
    return this;
  }

  private void follow(ClockEpoch epoch) {
    if (epoch.equals(followed)) {
      return;
    }
    boolean own =
        followed == null
            && epoch.simStartMillis() == clock.simStartMillis()
            && epoch.speed() == clock.speed()
            && epoch.generation() == 0;
    followed = epoch;
    if (!own) {
      // a node that proposed the winning epoch itself already runs on it: leave its clock be
      clock.follow(epoch.simStartMillis(), epoch.wallEpochMillis(), epoch.speed());
    }
    onSeed.accept(epoch.masterSeed());
    getContext().getLog().info("following the cluster clock {}", epoch);
  }

  private Behavior<Command> onHold(Hold h) {
    holds.computeIfAbsent(h.id(), id -> new Owned(scheduler.holdAt(h.atMillis()), h.owner()));
    if (watched.add(h.owner())) {
      getContext().watchWith(h.owner(), new OwnerGone(h.owner()));
    }
    h.replyTo().tell(new Held(h.id(), node));
    return this;
  }

  private Behavior<Command> onRelease(Release r) {
    Owned o = holds.remove(r.id());
    if (o != null) {
      o.barrier().release();
    }
    return this;
  }

  private Behavior<Command> onOwnerGone(OwnerGone g) {
    watched.remove(g.owner());
    int released = 0;
    for (var it = holds.values().iterator(); it.hasNext(); ) {
      Owned o = it.next();
      if (o.owner().equals(g.owner())) {
        o.barrier().release();
        it.remove();
        released++;
      }
    }
    if (released > 0) {
      getContext()
          .getLog()
          .warn(
              "released {} hold(s) on simulated time of {}, which left the cluster",
              released,
              g.owner().path().address());
    }
    return this;
  }

  private Behavior<Command> onAwaitWatermark(AwaitWatermark a) {
    getContext()
        .pipeToSelf(
            scheduler.whenWatermarkReaches(a.atMillis()),
            (w, e) -> new Reached(a.atMillis(), w == null ? -1 : w, a.replyTo()));
    return this;
  }

  private Behavior<Command> onReached(Reached r) {
    r.replyTo().tell(new WatermarkReached(r.atMillis(), r.watermark(), node));
    return this;
  }

  private Behavior<Command> onAgents(Agents a) {
    Set<ActorRef<Command>> all = a.listing().getServiceInstances(KEY);
    timeline.agents(all);
    return this;
  }

  /** For logs and errors: the node an agent runs on. */
  static String nodeOf(ActorRef<?> agent) {
    return agent.path().address().toString();
  }
}
