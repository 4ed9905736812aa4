package io.iotsim.cluster.guardian;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The root of a node's actor tree: the user guardian of its actor system. Everything the node
 * starts per request or per job (a fleet operation's {@code AckCollector}, a scenario job, the
 * cluster-join watcher) is a child of this actor, asked for through {@link Spawner}, so the tree is
 * one tree: a child that fails is logged under the guardian and stopping the system stops them all.
 * Device entities live under Cluster Sharding, which owns its own part of the tree.
 */
public final class NodeGuardian {

  private NodeGuardian() {}

  public static Behavior<SpawnProtocol.Command> create() {
    return Behaviors.setup(context -> SpawnProtocol.create());
  }
}
