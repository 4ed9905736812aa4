package io.iotsim.cluster.node;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.cluster.typed.Unsubscribe;

/**
 * Completes a future when this node is an Up member of its cluster, from the cluster's own
 * membership events ({@link SelfUp}, delivered at once when the node is already Up), then stops.
 */
final class ClusterJoin {

  private ClusterJoin() {}

  static Behavior<SelfUp> create(CompletableFuture<Done> up) {
    return Behaviors.setup(
        context -> {
          Cluster cluster = Cluster.get(context.getSystem());
          cluster.subscriptions().tell(Subscribe.create(context.getSelf(), SelfUp.class));
          return Behaviors.receive(SelfUp.class)
              .onMessage(
                  SelfUp.class,
                  m -> {
                    cluster.subscriptions().tell(new Unsubscribe<>(context.getSelf()));
                    up.complete(Done.getInstance());
                    return Behaviors.stopped();
                  })
              .build();
        });
  }
}
