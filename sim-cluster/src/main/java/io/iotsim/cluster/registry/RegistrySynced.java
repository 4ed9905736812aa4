package io.iotsim.cluster.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The readiness check "registry synced": true once this node has read the fleet registry from a
 * majority of nodes. Written as a Pekko Management health check (a {@code
 * Supplier<CompletionStage<Boolean>>} with an {@link ActorSystem} constructor), so config can name
 * it: {@code pekko.management.health-checks.readiness-checks.registry-synced =
 * "io.iotsim.cluster.registry.RegistrySynced"}.
 */
public final class RegistrySynced implements Supplier<CompletionStage<Boolean>> {

  private final RegistryStatus status;

  public RegistrySynced(ActorSystem system) {
    this.status = RegistryStatus.get(Adapter.toTyped(system));
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(status.synced());
  }
}
