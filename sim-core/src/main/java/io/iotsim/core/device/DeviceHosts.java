package io.iotsim.core.device;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node of an actor system's devices. A device finds it here only until it has a batch (its
 * first message); after that its {@link CompiledBatch} knows the node. Keeping it in every device
 * instead would take 8 B each, a million times per node. One node per actor system.
 */
public final class DeviceHosts implements Extension {

  private static final ExtensionId<DeviceHosts> ID =
      new ExtensionId<>() {
        @Override
        public DeviceHosts createExtension(ActorSystem<?> system) {
          return new DeviceHosts();
        }
      };

  private volatile DeviceHost host;

  private DeviceHosts() {}

  /** Makes {@code host} the node of the devices {@code system} creates from now on. */
  public static void register(ActorSystem<?> system, DeviceHost host) {
    system.registerExtension(ID).host = host;
  }

  static DeviceHost of(ActorSystem<?> system) {
    DeviceHost host = system.registerExtension(ID).host;
    if (host == null) {
      throw new IllegalStateException("no device host registered on actor system " + system.name());
    }
    return host;
  }
}
