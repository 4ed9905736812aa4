package io.iotsim.cluster.fleet;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * How answers, partial results and cluster status name a node: {@code host:port} of its Pekko
 * remoting address (what {@code --seed-nodes} takes), or the system's name for a node without one.
 */
public final class NodeName {

  private NodeName() {}

  public static String of(Address address) {
    if (address.host().isDefined() && address.port().isDefined()) {
      return address.host().get() + ":" + address.port().get();
    }
    return address.system();
  }

  /** This node's name. */
  public static String self(ActorSystem<?> system) {
    return of(Cluster.get(system).selfMember().address());
  }

  /** The name of the node an actor lives on (a local ref names this node). */
  public static String ofRef(ActorRef<?> ref, ActorSystem<?> system) {
    Address a = ref.path().address();
    return a.hasLocalScope() ? self(system) : of(a);
  }
}
