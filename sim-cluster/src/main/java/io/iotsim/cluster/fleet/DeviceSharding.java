package io.iotsim.cluster.fleet;

import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceHost;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** Places every device as an entity of Cluster Sharding; one entity type, "device". */
public final class DeviceSharding {

  public static final EntityTypeKey<DeviceActor.Command> TYPE_KEY =
      EntityTypeKey.create(DeviceActor.Command.class, "device");

  private DeviceSharding() {}

  /**
   * Passivation requests of this node's devices. Sharding gives every entity of a type on a node
   * the same shard-command ref, so one is kept here rather than a callback in each of a million
   * devices.
   */
  public static final class Passivation {
    private volatile ActorRef<ClusterSharding.ShardCommand> shards;

    /**
     * Asks the device's shard to passivate it; the shard then sends it {@link
     * DeviceActor.Passivate}.
     */
    public void passivate(ActorRef<DeviceActor.Command> device) {
      ActorRef<ClusterSharding.ShardCommand> s = shards;
      if (s != null) {
        s.tell(new ClusterSharding.Passivate<>(device));
      }
    }
  }

  /**
   * The shard of a device id, as sharding computes it: the entity is initialised without its own
   * extractor, so sharding uses the hash-code one over {@code number-of-shards}.
   */
  public static Function<String, String> shardOf(ActorSystem<?> system) {
    var extractor =
        new HashCodeMessageExtractor<DeviceActor.Command>(
            system.settings().config().getInt("pekko.cluster.sharding.number-of-shards"));
    return extractor::shardId;
  }

  public static ActorRef<ShardingEnvelope<DeviceActor.Command>> init(
      ActorSystem<?> system, DeviceHost host, Passivation passivation) {
    return ClusterSharding.get(system)
        .init(
            Entity.of(
                    TYPE_KEY,
                    ctx -> {
                      passivation.shards = ctx.getShard();
                      return DeviceActor.create(ctx.getEntityId(), host);
                    })
                .withStopMessage(DeviceActor.Passivate.INSTANCE));
  }
}
