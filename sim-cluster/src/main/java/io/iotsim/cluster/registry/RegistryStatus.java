package io.iotsim.cluster.registry;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Whether this node's registry replica has synced, as an actor-system extension so that a check
 * made by name from config ({@link RegistrySynced}) finds it.
 */
public final class RegistryStatus implements Extension {

  private static final Id ID = new Id();

  private final AtomicBoolean synced = new AtomicBoolean();

  public static RegistryStatus get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public boolean synced() {
    return synced.get();
  }

  void synced(boolean value) {
    synced.set(value);
  }

  private static final class Id extends ExtensionId<RegistryStatus> {
    @Override
    public RegistryStatus createExtension(ActorSystem<?> system) {
      return new RegistryStatus();
    }
  }
}
