package io.iotsim.cluster.registry;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.profile.DeviceProfile;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.pattern.StatusReply;

/**
 * Hands out device ids, one cluster singleton: the only writer of spawn batches, so two nodes
 * spawning the same type at the same time never get the same ids. It reads every batch with a
 * majority read when it starts (a singleton that moved after its node died sees every batch a
 * majority took) and writes each new batch to a majority before answering.
 */
final class IdAllocator extends AbstractBehavior<IdAllocator.Command> {

  interface Command {}

  /** Reserve {@code count} ids of the type and record the batch; answers the batch. */
  record Allocate(
      String deviceType,
      int count,
      DeviceProfile profile,
      Map<String, String> labels,
      long masterSeed,
      long startSimMillis,
      ActorRef<StatusReply<SpawnBatch>> replyTo)
      implements Command, CborSerializable {}

  private record Loaded(Replicator.GetResponse<LWWMap<String, SpawnBatch>> response)
      implements Command, NoSerializationVerificationNeeded {}

  private record Written(
      Replicator.UpdateResponse<LWWMap<String, SpawnBatch>> response,
      SpawnBatch batch,
      ActorRef<StatusReply<SpawnBatch>> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  static Behavior<Command> create(Duration timeout) {
    return Behaviors.withStash(
        10_000,
        stash ->
            Behaviors.setup(
                ctx ->
                    DistributedData
                        .<Command, LWWMap<String, SpawnBatch>>withReplicatorMessageAdapter(
                            replicator -> new IdAllocator(ctx, replicator, stash, timeout))));
  }

  private final ReplicatorMessageAdapter<Command, LWWMap<String, SpawnBatch>> replicator;
  private final StashBuffer<Command> stash;
  private final Duration timeout;
  private final SelfUniqueAddress self;

  /** Next free index per type; null until the majority read answered. */
  private Map<String, Long> next;

  private IdAllocator(
      ActorContext<Command> ctx,
      ReplicatorMessageAdapter<Command, LWWMap<String, SpawnBatch>> replicator,
      StashBuffer<Command> stash,
      Duration timeout) {
    super(ctx);
    this.replicator = replicator;
    this.stash = stash;
    this.timeout = timeout;
    this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
    load();
  }

  private void load() {
    replicator.askGet(
        replyTo ->
            new Replicator.Get<>(
                RegistryKeys.BATCHES, new Replicator.ReadMajority(timeout), replyTo),
        Loaded::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Allocate.class, this::onAllocate)
        .onMessage(Loaded.class, this::onLoaded)
        .onMessage(Written.class, this::onWritten)
        .build();
  }

  private Behavior<Command> onLoaded(Loaded m) {
    if (m.response() instanceof Replicator.GetSuccess<LWWMap<String, SpawnBatch>> ok) {
      next = new HashMap<>();
      for (SpawnBatch b : ok.get(RegistryKeys.BATCHES).getEntries().values()) {
        next.merge(b.deviceType(), b.firstIndex() + b.count(), Math::max);
      }
    } else if (m.response() instanceof Replicator.NotFound<LWWMap<String, SpawnBatch>>) {
      next = new HashMap<>();
    } else {
      // no majority answered yet (nodes joining or leaving): ask again, allocations wait
      getContext().getLog().warn("id allocator: majority read failed, retrying");
      load();
      return this;
    }
    return stash.unstashAll(this);
  }

  private Behavior<Command> onAllocate(Allocate a) {
    if (next == null) {
      stash.stash(a);
      return this;
    }
    long first = next.getOrDefault(a.deviceType(), 1L);
    // reserved now: a later request never reuses these, even if this write fails
    next.put(a.deviceType(), first + a.count());
    SpawnBatch batch =
        new SpawnBatch(
            UUID.randomUUID().toString(),
            a.deviceType(),
            first,
            a.count(),
            a.profile(),
            // Sorted: map order from gRPC or JSON is arbitrary, payload label order must not be.
            Collections.unmodifiableMap(new TreeMap<>(a.labels())),
            a.masterSeed(),
            a.startSimMillis());
    replicator.askUpdate(
        replyTo ->
            new Replicator.Update<>(
                RegistryKeys.BATCHES,
                LWWMap.create(),
                new Replicator.WriteMajority(timeout),
                replyTo,
                map -> map.put(self, batch.batchId(), batch)),
        response -> new Written(response, batch, a.replyTo()));
    return this;
  }

  private Behavior<Command> onWritten(Written w) {
    if (w.response() instanceof Replicator.UpdateSuccess<?>) {
      w.replyTo().tell(StatusReply.success(w.batch()));
    } else {
      w.replyTo()
          .tell(
              StatusReply.error(
                  "registry: the batch "
                      + w.batch().firstDeviceId()
                      + ".."
                      + w.batch().lastDeviceId()
                      + " was not recorded on a majority of nodes within "
                      + timeout
                      + " ("
                      + w.response().getClass().getSimpleName()
                      + ")"));
    }
    return this;
  }
}
