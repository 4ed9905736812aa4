package io.iotsim.cluster.management;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Liveness ({@code /alive}): the actor system is not terminating and its default dispatcher still
 * runs a task. A node whose dispatcher is starved or deadlocked answers nothing within the check
 * timeout ({@code pekko.management.health-checks.check-timeout}) and is reported dead, so
 * Kubernetes restarts it; a merely busy node still passes. Pekko Management makes one per system
 * from this constructor.
 */
public final class DispatcherLivenessCheck implements Supplier<CompletionStage<Boolean>> {

  private final ActorSystem system;

  public DispatcherLivenessCheck(ActorSystem system) {
    this.system = system;
  }

  @Override
  public CompletionStage<Boolean> get() {
    if (system.whenTerminated().isCompleted()) {
      return CompletableFuture.completedFuture(false);
    }
    return CompletableFuture.supplyAsync(() -> true, system.dispatcher());
  }
}
