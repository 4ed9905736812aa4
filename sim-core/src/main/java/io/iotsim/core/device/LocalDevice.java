package io.iotsim.core.device;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A device as its node's directory sees it: what selectors, status and listings read without asking
 * the actor. Implemented by the device's actor itself (no object of its own: a node holds a million
 * devices); written only by that actor, read by any thread.
 */
public interface LocalDevice {

  String id();

  String type();

  String batchId();

  ActorRef<DeviceActor.Command> ref();

  Map<String, String> labels();

  Lifecycle state();
}
