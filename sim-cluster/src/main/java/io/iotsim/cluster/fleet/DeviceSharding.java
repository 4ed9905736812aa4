package io.iotsim.cluster.fleet;

import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceHost;
import io.iotsim.core.device.DeviceHosts;
import java.util.function.Function;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.internal.adapter.PropsAdapter;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Places every device as an entity of Cluster Sharding; one entity type, "device".
 *
 * <p>The region is started through classic sharding with one {@link Props} shared by every device,
 * each device taking its id from its actor's name. Typed sharding's {@code init} builds a Props, a
 * Deploy and a creator per entity and wraps each behaviour in a stop supervisor: dropping them took
 * 263 B off each device (BENCHMARKS.md), 263 MB off a node's million. A device handles its own
 * failures (it goes to ERROR), so that supervisor had nothing to do. The region still speaks {@link
 * ShardingEnvelope}, and typed sharding's queries ({@code shardState()}) find it by {@link
 * #TYPE_KEY}'s name. Devices take their messages through {@link DeviceMailbox}.
 */
public final class DeviceSharding {

  public static final EntityTypeKey<DeviceActor.Command> TYPE_KEY =
      EntityTypeKey.create(DeviceActor.Command.class, "device");

  private DeviceSharding() {}

  /** Passivation requests of this node's devices. */
  public static final class Passivation {
    private final org.apache.pekko.actor.ActorSystem system;

    public Passivation(ActorSystem<?> system) {
      this.system = Adapter.toClassic(system);
    }

    /**
     * Asks the device's shard (its parent) to passivate it; the shard then sends it {@link
     * DeviceActor.Passivate}. Rare (a stopped or failed device), so the parent is found by path.
     */
    public void passivate(ActorRef<DeviceActor.Command> device) {
      org.apache.pekko.actor.ActorRef entity = Adapter.toClassic(device);
      system
          .actorSelection(entity.path().parent())
          .tell(new ShardRegion.Passivate(DeviceActor.Passivate.INSTANCE), entity);
    }
  }

  /** The shard of a device id: the hash-code extractor over {@code number-of-shards}. */
  public static Function<String, String> shardOf(ActorSystem<?> system) {
    var extractor =
        new HashCodeMessageExtractor<DeviceActor.Command>(
            system.settings().config().getInt("pekko.cluster.sharding.number-of-shards"));
    return extractor::shardId;
  }

  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> init(
      ActorSystem<?> system, DeviceHost host) {
    var classic = Adapter.toClassic(system);
    var sharding = ClusterSharding.get(classic);
    var settings = ClusterShardingSettings.create(classic);
    DeviceHosts.register(system, host);
    // no supervisor wrapper (rethrowTypedFailure false, as typed sharding passes): see above
    Props devices =
        PropsAdapter.apply(
            DeviceActor::create, MailboxSelector.fromConfig(DeviceMailbox.CONFIG_PATH), false);
    org.apache.pekko.actor.ActorRef region =
        sharding.start(
            TYPE_KEY.name(),
            devices,
            settings,
            new Envelopes(shardOf(system)),
            sharding.defaultShardAllocationStrategy(settings),
            DeviceActor.Passivate.INSTANCE);
    return Adapter.toTyped(region);
  }

  /** Unwraps the {@link ShardingEnvelope}s the region is told; shards by {@link #shardOf}. */
  private record Envelopes(Function<String, String> shardOf)
      implements ShardRegion.MessageExtractor {

    @Override
    public String entityId(Object message) {
      if (message instanceof ShardingEnvelope<?> envelope) {
        return envelope.entityId();
      }
      return message instanceof ShardRegion.StartEntity start ? start.entityId() : null;
    }

    @Override
    public Object entityMessage(Object message) {
      return message instanceof ShardingEnvelope<?> envelope ? envelope.message() : message;
    }

    @Override
    public String shardId(Object message) {
      String id = entityId(message);
      return id == null ? null : shardOf.apply(id);
    }
  }
}
