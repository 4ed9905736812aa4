package io.iotsim.cluster.fleet;

import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceHost;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** Places every device as an entity of Cluster Sharding; one entity type, "device". */
public final class DeviceSharding {

  public static final EntityTypeKey<DeviceActor.Command> TYPE_KEY =
      EntityTypeKey.create(DeviceActor.Command.class, "device");

  private DeviceSharding() {}

  public static ActorRef<org.apache.pekko.cluster.sharding.typed.ShardingEnvelope<DeviceActor.Command>> init(
      ActorSystem<?> system, DeviceHost host) {
    return ClusterSharding.get(system)
        .init(
            Entity.of(
                    TYPE_KEY,
                    ctx ->
                        DeviceActor.create(
                            ctx.getEntityId(),
                            host,
                            self -> ctx.getShard().tell(new ClusterSharding.Passivate<>(self))))
                .withStopMessage(DeviceActor.Passivate.INSTANCE));
  }
}
