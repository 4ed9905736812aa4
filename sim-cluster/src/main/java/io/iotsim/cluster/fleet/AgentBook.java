package io.iotsim.cluster.fleet;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The fleet agents of the cluster as the receptionist lists them, readable from any thread: the
 * entry node asks these. Agents on unreachable nodes stay listed (as unreachable) until their node
 * is downed, so an answer without them names them instead of undercounting.
 */
final class AgentBook {

  /** The agents now: every one listed, and those of them on unreachable nodes. */
  record Agents(
      Set<ActorRef<FleetAgent.Command>> all, Set<ActorRef<FleetAgent.Command>> unreachable) {}

  private volatile Agents agents = new Agents(Set.of(), Set.of());
  private volatile ActorRef<FleetAgent.Command> self;
  private final List<Consumer<Agents>> listeners = new CopyOnWriteArrayList<>();

  Agents agents() {
    Agents a = agents;
    ActorRef<FleetAgent.Command> own = self;
    if (own != null && !a.all().contains(own)) {
      // this node's agent counts before the receptionist has listed it
      Set<ActorRef<FleetAgent.Command>> all = new java.util.HashSet<>(a.all());
      all.add(own);
      return new Agents(Set.copyOf(all), a.unreachable());
    }
    return a;
  }

  /** This node's own agent, once spawned. */
  void self(ActorRef<FleetAgent.Command> ref) {
    this.self = ref;
    fire();
  }

  /** True once this node's agent is known. */
  boolean ready() {
    return self != null;
  }

  /** Calls {@code listener} with the agents now and on every change, until removed. */
  Runnable listen(Consumer<Agents> listener) {
    listeners.add(listener);
    listener.accept(agents());
    return () -> listeners.remove(listener);
  }

  private void fire() {
    Agents now = agents();
    for (Consumer<Agents> l : listeners) {
      l.accept(now);
    }
  }

  /** The actor that keeps this book: subscribes to the receptionist's listing of agents. */
  Behavior<Receptionist.Listing> subscriber() {
    return Behaviors.setup(
        ctx -> {
          ctx.getSystem()
              .receptionist()
              .tell(Receptionist.subscribe(FleetAgent.KEY, ctx.getSelf()));
          return Behaviors.receiveMessage(
              listing -> {
                Set<ActorRef<FleetAgent.Command>> all =
                    Set.copyOf(listing.getAllServiceInstances(FleetAgent.KEY));
                Set<ActorRef<FleetAgent.Command>> reachable =
                    Set.copyOf(listing.getServiceInstances(FleetAgent.KEY));
                Set<ActorRef<FleetAgent.Command>> unreachable = new java.util.HashSet<>(all);
                unreachable.removeAll(reachable);
                agents = new Agents(all, Set.copyOf(unreachable));
                fire();
                return Behaviors.same();
              });
        });
  }
}
