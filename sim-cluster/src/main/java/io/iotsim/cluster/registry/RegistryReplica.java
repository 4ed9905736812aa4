package io.iotsim.cluster.registry;

import io.iotsim.core.device.SpawnBatch;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.pattern.StatusReply;

/**
 * This node's view of the registry: subscribes to the batches and the log and hands every change to
 * {@link ReplicatedRegistry} (which answers from it without asking), reads both with a majority
 * once the node is an Up member (then the node is "synced"), and writes log entries to a majority.
 *
 * <p>Not before it is Up: until a node has joined, its replicator knows no other node, and a
 * majority read is a local one that finds nothing. A joining node that called that "synced" took
 * the devices of a shard rebalanced to it before gossip had brought it their batches, found none,
 * and left them stopped.
 */
final class RegistryReplica extends AbstractBehavior<RegistryReplica.Command> {

  interface Command {}

  /** Append an entry to the log; answered once a majority has it. */
  record Record(LoggedOp op, ActorRef<StatusReply<Done>> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A change of either key. One message for both: an actor has one adapter per response class, so
   * two subscriptions must share it and tell the keys apart.
   */
  private record Changed(Replicator.SubscribeResponse<?> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record BatchesRead(Replicator.GetResponse<LWWMap<String, SpawnBatch>> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record OpsRead(Replicator.GetResponse<LWWMap<String, LoggedOp>> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record OpWritten(
      Replicator.UpdateResponse<LWWMap<String, LoggedOp>> response,
      LoggedOp op,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  private enum Retry implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** This node is an Up member of its cluster: a majority read now asks the other members. */
  private enum Up implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** Where the changes go. */
  interface Sink {
    void batches(java.util.Collection<SpawnBatch> batches);

    void ops(java.util.Collection<LoggedOp> ops);

    void synced();
  }

  static Behavior<Command> create(Sink sink, Duration timeout) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ReplicatorMessageAdapter<Command, LWWMap<String, SpawnBatch>> batches =
                      new ReplicatorMessageAdapter<>(
                          ctx, DistributedData.get(ctx.getSystem()).replicator(), timeout);
                  ReplicatorMessageAdapter<Command, LWWMap<String, LoggedOp>> ops =
                      new ReplicatorMessageAdapter<>(
                          ctx, DistributedData.get(ctx.getSystem()).replicator(), timeout);
                  return new RegistryReplica(ctx, timers, batches, ops, sink, timeout);
                }));
  }

  private final org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, SpawnBatch>> batches;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, LoggedOp>> ops;
  private final Sink sink;
  private final Duration timeout;
  private final SelfUniqueAddress self;
  private boolean batchesRead;
  private boolean opsRead;

  private RegistryReplica(
      ActorContext<Command> ctx,
      org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers,
      ReplicatorMessageAdapter<Command, LWWMap<String, SpawnBatch>> batches,
      ReplicatorMessageAdapter<Command, LWWMap<String, LoggedOp>> ops,
      Sink sink,
      Duration timeout) {
    super(ctx);
    this.timers = timers;
    this.batches = batches;
    this.ops = ops;
    this.sink = sink;
    this.timeout = timeout;
    this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
    batches.subscribe(RegistryKeys.BATCHES, Changed::new);
    ops.subscribe(RegistryKeys.OPS, Changed::new);
    // SelfUp comes once, at once if the node is already Up
    Cluster.get(ctx.getSystem())
        .subscriptions()
        .tell(Subscribe.create(ctx.messageAdapter(SelfUp.class, up -> Up.INSTANCE), SelfUp.class));
  }

  private void readAll() {
    if (!batchesRead) {
      batches.askGet(
          r -> new Replicator.Get<>(RegistryKeys.BATCHES, new Replicator.ReadMajority(timeout), r),
          BatchesRead::new);
    }
    if (!opsRead) {
      ops.askGet(
          r -> new Replicator.Get<>(RegistryKeys.OPS, new Replicator.ReadMajority(timeout), r),
          OpsRead::new);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Record.class, this::onRecord)
        .onMessage(OpWritten.class, this::onOpWritten)
        .onMessage(Changed.class, this::onChanged)
        .onMessage(BatchesRead.class, this::onBatchesRead)
        .onMessage(OpsRead.class, this::onOpsRead)
        .onMessageEquals(Up.INSTANCE, this::read)
        .onMessageEquals(Retry.INSTANCE, this::read)
        .build();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onChanged(Changed m) {
    if (m.response() instanceof Replicator.Changed<?> changed) {
      if (changed.key().equals(RegistryKeys.BATCHES)) {
        sink.batches(((LWWMap<String, SpawnBatch>) changed.dataValue()).getEntries().values());
      } else if (changed.key().equals(RegistryKeys.OPS)) {
        sink.ops(((LWWMap<String, LoggedOp>) changed.dataValue()).getEntries().values());
      }
    }
    return this;
  }

  private Behavior<Command> onBatchesRead(BatchesRead m) {
    if (m.response() instanceof Replicator.GetSuccess<LWWMap<String, SpawnBatch>> ok) {
      sink.batches(ok.dataValue().getEntries().values());
      batchesRead = true;
    } else if (m.response() instanceof Replicator.NotFound<?>) {
      batchesRead = true;
    }
    return afterRead();
  }

  private Behavior<Command> onOpsRead(OpsRead m) {
    if (m.response() instanceof Replicator.GetSuccess<LWWMap<String, LoggedOp>> ok) {
      sink.ops(ok.dataValue().getEntries().values());
      opsRead = true;
    } else if (m.response() instanceof Replicator.NotFound<?>) {
      opsRead = true;
    }
    return afterRead();
  }

  private Behavior<Command> afterRead() {
    if (batchesRead && opsRead) {
      sink.synced();
    } else if (!timers.isTimerActive(Retry.INSTANCE)) {
      timers.startSingleTimer(Retry.INSTANCE, Duration.ofSeconds(1));
    }
    return this;
  }

  private Behavior<Command> read() {
    readAll();
    return this;
  }

  private Behavior<Command> onRecord(Record r) {
    ops.askUpdate(
        replyTo ->
            new Replicator.Update<>(
                RegistryKeys.OPS,
                LWWMap.create(),
                new Replicator.WriteMajority(timeout),
                replyTo,
                map -> map.put(self, r.op().opId(), r.op())),
        response -> new OpWritten(response, r.op(), r.replyTo()));
    return this;
  }

  private Behavior<Command> onOpWritten(OpWritten w) {
    if (w.response() instanceof Replicator.UpdateSuccess<?>) {
      w.replyTo().tell(StatusReply.ack());
    } else {
      w.replyTo()
          .tell(
              StatusReply.error(
                  "registry: the "
                      + w.op().kind().name().toLowerCase(java.util.Locale.ROOT)
                      + " of '"
                      + w.op().selector()
                      + "' was not recorded on a majority of nodes within "
                      + timeout));
    }
    return this;
  }
}
