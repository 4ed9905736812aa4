package io.iotsim.core.device;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A device as its node's directory sees it: what selectors, status and listings read without asking
 * the actor. Written only by the device's own actor; read by any thread.
 */
public final class LocalDevice {

  private final String id;
  private final String type;
  private final String batchId;
  private final ActorRef<DeviceActor.Command> ref;
  private volatile Map<String, String> labels;
  private volatile Lifecycle state = Lifecycle.IDLE;

  /** The device's own: read and written only by its actor. Kept here, where it costs no padding. */
  private String topic;

  LocalDevice(
      String id,
      String type,
      String batchId,
      Map<String, String> labels,
      ActorRef<DeviceActor.Command> ref) {
    this.id = id;
    this.type = type;
    this.batchId = batchId;
    this.labels = labels;
    this.ref = ref;
  }

  public String id() {
    return id;
  }

  public String type() {
    return type;
  }

  public String batchId() {
    return batchId;
  }

  public ActorRef<DeviceActor.Command> ref() {
    return ref;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public Lifecycle state() {
    return state;
  }

  String topic() {
    return topic;
  }

  void topic(String topic) {
    this.topic = topic;
  }

  void labels(Map<String, String> labels) {
    this.labels = labels;
  }

  void state(Lifecycle state) {
    this.state = state;
  }
}
