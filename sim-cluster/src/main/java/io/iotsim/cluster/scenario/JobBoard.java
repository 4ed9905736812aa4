package io.iotsim.cluster.scenario;

import io.iotsim.core.CborSerializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A node's view of every scenario job in the cluster, one per node, registered with the
 * Receptionist under {@link #KEY}. It replicates this node's jobs' statuses in a Distributed Data
 * map (so status can be read on any node), mirrors the map into {@link ScenarioJobs}, cancels this
 * node's jobs for other nodes, and when a node leaves the cluster marks its unfinished jobs FAILED
 * with the reason, so a job is never silently lost with its node. Finished jobs are forgotten by
 * the {@link JobRetention} rules, on every node alike (each removes them from the map and its own
 * view); a job that has not finished is never forgotten.
 */
final class JobBoard extends AbstractBehavior<JobBoard.Command> {

  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "iot-sim-scenario-jobs");

  static final Key<LWWMap<String, JobRecord>> JOBS = LWWMapKey.create("iot-sim-scenario-jobs");

  interface Command extends CborSerializable {}

  /** This node's job {@code id} changed: replicate its latest status. */
  record Publish(String id) implements Command, NoSerializationVerificationNeeded {}

  /**
   * Cancel this node's job {@code id}; answers its status, or null when this node has no such job.
   */
  record Cancel(String id, ActorRef<Cancelled> replyTo) implements Command {}

  record Cancelled(String id, JobStatus status, String node) implements CborSerializable {}

  private record Seen(Replicator.SubscribeResponse<LWWMap<String, JobRecord>> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record Written(Replicator.UpdateResponse<LWWMap<String, JobRecord>> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record Boards(Receptionist.Listing listing)
      implements Command, NoSerializationVerificationNeeded {}

  private record NodeGone(ClusterEvent.MemberRemoved removed)
      implements Command, NoSerializationVerificationNeeded {}

  /** Time to forget the finished jobs that {@link JobRetention} lets go. */
  private enum Prune implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private record CancelDone(String id, JobStatus status, ActorRef<Cancelled> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * @param local this node's jobs, newest status by id
   * @param cancel cancels one of this node's jobs
   * @param replica where the replicated map is mirrored for readers on any thread
   * @param boards told of every node's board as the cluster changes
   * @param forget drops a forgotten job from this node's own jobs
   */
  static Behavior<Command> create(
      Function<String, JobStatus> local,
      Function<String, CompletionStage<Optional<JobStatus>>> cancel,
      Map<String, JobRecord> replica,
      Consumer<Set<ActorRef<Command>>> boards,
      Consumer<String> forget,
      JobRetention retention,
      Duration writeTimeout) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Prune.INSTANCE, retention.checkEvery());
                  return DistributedData
                      .<Command, LWWMap<String, JobRecord>>withReplicatorMessageAdapter(
                          r ->
                              new JobBoard(
                                  ctx,
                                  r,
                                  local,
                                  cancel,
                                  replica,
                                  boards,
                                  forget,
                                  retention,
                                  writeTimeout));
                }));
  }

  private final ReplicatorMessageAdapter<Command, LWWMap<String, JobRecord>> replicator;
  private final SelfUniqueAddress self;
  private final String node;
  private final Function<String, JobStatus> local;
  private final Function<String, CompletionStage<Optional<JobStatus>>> cancel;
  private final Map<String, JobRecord> replica;
  private final Consumer<Set<ActorRef<Command>>> boards;
  private final Consumer<String> forget;
  private final JobRetention retention;
  private final Duration writeTimeout;

  private JobBoard(
      ActorContext<Command> context,
      ReplicatorMessageAdapter<Command, LWWMap<String, JobRecord>> replicator,
      Function<String, JobStatus> local,
      Function<String, CompletionStage<Optional<JobStatus>>> cancel,
      Map<String, JobRecord> replica,
      Consumer<Set<ActorRef<Command>>> boards,
      Consumer<String> forget,
      JobRetention retention,
      Duration writeTimeout) {
    super(context);
    this.replicator = replicator;
    this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
    this.node = context.getSystem().address().toString();
    this.local = local;
    this.cancel = cancel;
    this.replica = replica;
    this.boards = boards;
    this.forget = forget;
    this.retention = retention;
    this.writeTimeout = writeTimeout;
    replicator.subscribe(JOBS, Seen::new);
    var receptionist = context.getSystem().receptionist();
    receptionist.tell(Receptionist.register(KEY, context.getSelf()));
    receptionist.tell(
        Receptionist.subscribe(
            KEY, context.messageAdapter(Receptionist.Listing.class, Boards::new)));
    Cluster.get(context.getSystem())
        .subscriptions()
        .tell(
            Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberRemoved.class, NodeGone::new),
                ClusterEvent.MemberRemoved.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(CancelDone.class, this::onCancelDone)
        .onMessage(Seen.class, this::onSeen)
        .onMessage(Written.class, w -> this)
        .onMessage(Boards.class, this::onBoards)
        .onMessage(NodeGone.class, this::onNodeGone)
        .onMessage(Prune.class, p -> onPrune())
        .build();
  }

  private Behavior<Command> onPublish(Publish p) {
    JobStatus s = local.apply(p.id());
    if (s != null) {
      write(new JobRecord(s, node, finishedAt(s)));
    }
    return this;
  }

  /** When {@code s} finished: kept from its first finished record, so a re-publish keeps it. */
  private long finishedAt(JobStatus s) {
    if (!s.finished()) {
      return 0;
    }
    JobRecord known = replica.get(s.id());
    return known != null && known.status().finished() && known.finishedAtMillis() > 0
        ? known.finishedAtMillis()
        : System.currentTimeMillis();
  }

  private void write(JobRecord record) {
    replica.put(record.status().id(), record);
    // a final state must survive this node: a majority has it before the job is forgotten here
    Replicator.WriteConsistency consistency =
        record.status().finished()
            ? new Replicator.WriteMajority(writeTimeout)
            : Replicator.writeLocal();
    replicator.askUpdate(
        replyTo ->
            new Replicator.Update<>(
                JOBS,
                LWWMap.create(),
                consistency,
                replyTo,
                map -> map.put(self, record.status().id(), record)),
        Written::new);
  }

  private Behavior<Command> onCancel(Cancel c) {
    if (local.apply(c.id()) == null) {
      c.replyTo().tell(new Cancelled(c.id(), null, node));
      return this;
    }
    getContext()
        .pipeToSelf(
            cancel.apply(c.id()),
            (s, e) -> new CancelDone(c.id(), s == null ? null : s.orElse(null), c.replyTo()));
    return this;
  }

  private Behavior<Command> onCancelDone(CancelDone d) {
    d.replyTo().tell(new Cancelled(d.id(), d.status(), node));
    return this;
  }

  private Behavior<Command> onSeen(Seen s) {
    if (s.response() instanceof Replicator.Changed<LWWMap<String, JobRecord>> changed) {
      Map<String, JobRecord> all = changed.get(JOBS).getEntries();
      for (var e : all.entrySet()) {
        JobRecord mine = replica.get(e.getKey());
        // this node's own jobs are fresher in its own map than in a replica that may lag
        if (mine == null || !node.equals(mine.node()) || local.apply(e.getKey()) == null) {
          replica.put(e.getKey(), e.getValue());
        }
      }
    }
    return this;
  }

  private Behavior<Command> onBoards(Boards b) {
    boards.accept(b.listing().getServiceInstances(KEY));
    return this;
  }

  private Behavior<Command> onNodeGone(NodeGone g) {
    String gone = g.removed().member().address().toString();
    for (JobRecord r : replica.values()) {
      if (gone.equals(r.node()) && !r.status().finished()) {
        JobStatus s = r.status();
        String reason =
            "node "
                + gone
                + " left the cluster ("
                + g.removed().previousStatus()
                + " -> removed) while running this job";
        getContext().getLog().warn("scenario job {} failed: {}", s.id(), reason);
        write(
            new JobRecord(
                s.with(JobState.FAILED, s.stepsDone(), s.currentStep(), reason, s.simTimeMillis()),
                r.node(),
                System.currentTimeMillis()));
      }
    }
    return this;
  }

  /**
   * Forgets the finished jobs the retention lets go: from the replicated map (one update for all of
   * them), this node's view and its own jobs. Every board applies the same rules to the same
   * records, so removals from several nodes agree.
   */
  private Behavior<Command> onPrune() {
    Set<String> expired =
        retention.expired(List.copyOf(replica.values()), System.currentTimeMillis());
    if (expired.isEmpty()) {
      return this;
    }
    for (String id : expired) {
      replica.remove(id);
      forget.accept(id);
    }
    getContext().getLog().debug("forgot {} finished scenario job(s): {}", expired.size(), expired);
    replicator.askUpdate(
        replyTo ->
            new Replicator.Update<>(
                JOBS,
                LWWMap.create(),
                Replicator.writeLocal(),
                replyTo,
                map -> {
                  LWWMap<String, JobRecord> out = map;
                  for (String id : expired) {
                    if (out.contains(id)) {
                      out = out.remove(self, id);
                    }
                  }
                  return out;
                }),
        Written::new);
    return this;
  }
}
