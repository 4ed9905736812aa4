package io.iotsim.cluster.guardian;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Starts children of the {@link NodeGuardian} from outside an actor, without blocking: the returned
 * stage completes with the child's ref once the guardian has spawned it.
 */
public final class Spawner {

  private final ActorRef<SpawnProtocol.Command> guardian;
  private final Scheduler scheduler;
  private final Duration timeout;

  /**
   * @param guardian the node's guardian (its actor system)
   * @param timeout how long the guardian may take to answer (the node's ask-timeout)
   */
  public Spawner(ActorRef<SpawnProtocol.Command> guardian, Scheduler scheduler, Duration timeout) {
    this.guardian = guardian;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  /**
   * Spawns {@code behavior} as a child of the guardian named {@code name} (the guardian adds a
   * suffix when the name is taken, so callers need not make it unique).
   */
  public <T> CompletionStage<ActorRef<T>> spawn(Behavior<T> behavior, String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_-]", "_");
    return AskPattern.ask(
        guardian,
        replyTo -> new SpawnProtocol.Spawn<>(behavior, safe, Props.empty(), replyTo),
        timeout,
        scheduler);
  }
}
