package io.iotsim.cluster.registry;

import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.core.device.DeviceRecovery;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.profile.DeviceProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The fleet registry, replicated to every node with Distributed Data: the spawn batches (id ranges:
 * a million devices are a handful of batches), ids unique across the cluster (one allocator, a
 * cluster singleton), and the log of operations applied to devices (update, fault, pause, resume,
 * stop, with their simulated time and selector; a stop is a device's tombstone). Writes go to a
 * majority of nodes; reads are answered from this node's replica, so any node resolves any device's
 * spec and state without a round trip.
 */
public final class ReplicatedRegistry {

  private final ActorSystem<?> system;
  private final Duration timeout;
  private final ActorRef<IdAllocator.Command> allocator;
  private final CompletableFuture<ActorRef<RegistryReplica.Command>> replica =
      new CompletableFuture<>();
  private volatile RegistryState state = RegistryState.EMPTY;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();

  /** Devices waiting for their batch to reach this node ({@link #whenKnown}); guarded by this. */
  private final Map<String, CompletableFuture<Void>> awaitingBatch = new HashMap<>();

  /**
   * @param children spawns the replica under the node's guardian
   * @param timeout of majority reads and writes
   */
  public ReplicatedRegistry(ActorSystem<?> system, Spawner children, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
    this.allocator =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    Behaviors.supervise(IdAllocator.create(timeout))
                        .onFailure(SupervisorStrategy.restart()),
                    "id-allocator"));
    children
        .spawn(RegistryReplica.create(new Sink(), timeout), "fleet-registry")
        .whenComplete(
            (ref, e) -> {
              if (e != null) {
                replica.completeExceptionally(e);
              } else {
                replica.complete(ref);
              }
            });
  }

  private final class Sink implements RegistryReplica.Sink {
    @Override
    public void batches(Collection<SpawnBatch> batches) {
      learn(s -> s.withBatches(batches));
    }

    @Override
    public void ops(Collection<LoggedOp> ops) {
      synchronized (ReplicatedRegistry.this) {
        state = state.withOps(ops);
      }
    }

    @Override
    public void synced() {
      RegistryStatus.get(system).synced(true);
      synced.complete(null);
    }
  }

  /**
   * Reserves the next {@code count} ids of the type, cluster-wide, and records the batch on a
   * majority of nodes; completes with the batch.
   */
  public CompletionStage<SpawnBatch> allocate(
      String deviceType,
      int count,
      DeviceProfile profile,
      Map<String, String> labels,
      long masterSeed,
      long startSimMillis) {
    return AskPattern.<IdAllocator.Command, SpawnBatch>askWithStatus(
            allocator,
            replyTo ->
                new IdAllocator.Allocate(
                    deviceType, count, profile, labels, masterSeed, startSimMillis, replyTo),
            timeout.multipliedBy(3),
            system.scheduler())
        .thenApply(
            batch -> {
              remember(batch);
              return batch;
            });
  }

  /** The new batch is known here at once, before its change comes back from the replicator. */
  private void remember(SpawnBatch batch) {
    learn(
        s -> {
          if (s.batchOf(batch.firstDeviceId()).isPresent()) {
            return s;
          }
          List<SpawnBatch> all = new ArrayList<>(s.batches());
          all.add(batch);
          return s.withBatches(all);
        });
  }

  /** Changes the batches known here; wakes what waited for one of them ({@link #whenKnown}). */
  private void learn(UnaryOperator<RegistryState> change) {
    List<CompletableFuture<Void>> known = new ArrayList<>();
    synchronized (this) {
      state = change.apply(state);
      awaitingBatch
          .entrySet()
          .removeIf(e -> state.batchOf(e.getKey()).isPresent() && known.add(e.getValue()));
    }
    // outside the lock: what waits on them runs here
    known.forEach(f -> f.complete(null));
  }

  /** Appends an operation to the log; completes once a majority of nodes has it. */
  public CompletionStage<Done> record(LoggedOp op) {
    return replica.thenCompose(
        ref ->
            AskPattern.<RegistryReplica.Command, Done>askWithStatus(
                ref,
                replyTo -> new RegistryReplica.Record(op, replyTo),
                timeout.multipliedBy(2),
                system.scheduler()));
  }

  public Optional<SpawnBatch> batchOf(String deviceId) {
    return state.batchOf(deviceId);
  }

  /** What a device recreated now must be; empty when unknown or stopped for good. */
  public Optional<DeviceRecovery> recovery(String deviceId, long nowSimMillis) {
    return state.recovery(deviceId, nowSimMillis);
  }

  public boolean tombstoned(String deviceId) {
    return state.tombstoned(deviceId);
  }

  /** Every spawn batch known here. */
  public List<SpawnBatch> batches() {
    return state.batches();
  }

  /** The log as known here, in simulated-time order. */
  public List<LoggedOp> ops() {
    return state.ops();
  }

  /** True once this node has read the registry from a majority of nodes. */
  public boolean synced() {
    return synced.isDone();
  }

  /**
   * Completes once this node has read the registry from a majority of nodes and knows the batch of
   * {@code deviceId}, or fails with a {@link java.util.concurrent.TimeoutException} after {@code
   * within}. A batch is written to a majority, not to every node: the others learn it by gossip,
   * seconds later, and a device handed to one of them meanwhile waits for it here.
   */
  public CompletionStage<Void> whenKnown(String deviceId, Duration within) {
    return synced.thenCompose(v -> awaitBatch(deviceId, within));
  }

  private synchronized CompletableFuture<Void> awaitBatch(String deviceId, Duration within) {
    if (state.batchOf(deviceId).isPresent()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> known = awaitingBatch.get(deviceId);
    if (known == null) {
      CompletableFuture<Void> created = new CompletableFuture<>();
      awaitingBatch.put(deviceId, created);
      // timed from now, once: later wakes of the same device share the wait
      created
          .orTimeout(within.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((ok, e) -> forget(deviceId, created));
      known = created;
    }
    return known;
  }

  private synchronized void forget(String deviceId, CompletableFuture<Void> known) {
    awaitingBatch.remove(deviceId, known);
  }

  /** Whether this node has read the registry and knows the batch of {@code deviceId}. */
  public boolean knows(String deviceId) {
    return synced() && state.batchOf(deviceId).isPresent();
  }
}
