package io.iotsim.core.device;

import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.schedule.TickWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;

/**
 * One {@link DeviceModel} driven without an actor, as its actor would drive it: what the model asks
 * of its place in the node is recorded here. Public so tests of other packages (replay) run the
 * real emit path rather than a copy of it.
 */
public final class ModelHarness implements DeviceModel.Place {

  public final FakeNode node;
  public final Bare model;
  final List<long[]> schedules = new ArrayList<>();
  final List<DeviceModel.DelayedPublish> delayed = new ArrayList<>();
  boolean left;
  private long windows;

  public ModelHarness(DeviceProfile profile, String deviceId) {
    this(profile, deviceId, FakeNode.MASTER_SEED);
  }

  public ModelHarness(DeviceProfile profile, String deviceId, long masterSeed) {
    this(new FakeNode(), profile, deviceId, masterSeed);
  }

  /** Another device of the same batch on the same node. */
  public ModelHarness(ModelHarness sibling, String deviceId) {
    this(sibling.node, sibling.model.detail().profile(), deviceId, FakeNode.MASTER_SEED);
  }

  private ModelHarness(FakeNode node, DeviceProfile profile, String deviceId, long masterSeed) {
    this(node, deviceId, h -> h.model.start(FakeNode.batch(profile, 1_000_000, masterSeed), h));
  }

  private ModelHarness(FakeNode node, String deviceId, Consumer<ModelHarness> begin) {
    this.node = node;
    model = new Bare(deviceId, node);
    begin.accept(this);
  }

  /**
   * The device recreated on a new node from its batch alone, continuing at {@code at}: what the
   * node a handed-off device moves to makes of it.
   */
  public static ModelHarness handedOff(DeviceProfile profile, String deviceId, ResumePoint at) {
    return new ModelHarness(
        new FakeNode(),
        deviceId,
        h -> h.model.resumeAt(DeviceRecovery.of(FakeNode.batch(profile, 1_000_000)), at, h));
  }

  /** Emits what is due before {@code endMillis}; true when the window completed. */
  public boolean advanceTo(long endMillis) {
    boolean[] done = {false};
    model.advance(new TickWindow(windows++, 0, endMillis, 1, () -> done[0] = true), this);
    return done[0];
  }

  @Override
  public void enter() {
    node.directory.add(model);
  }

  /**
   * A model without an actor: it keeps its id and node, which an actor finds without keeping, and
   * is its own entry in the directory, as a device actor is.
   */
  public static final class Bare extends DeviceModel<DeviceActor.Command> implements LocalDevice {
    private final String id;
    private final DeviceHost node;

    Bare(String id, DeviceHost node) {
      this.id = id;
      this.node = node;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    DeviceHost host() {
      return node;
    }

    /** None: nothing can be told to a model without an actor. */
    @Override
    public ActorRef<DeviceActor.Command> ref() {
      return null;
    }

    @Override
    public Behavior<DeviceActor.Command> receive(
        TypedActorContext<DeviceActor.Command> ctx, DeviceActor.Command msg) {
      throw new UnsupportedOperationException("a model without an actor");
    }

    @Override
    public Behavior<DeviceActor.Command> receiveSignal(
        TypedActorContext<DeviceActor.Command> ctx, Signal signal) {
      throw new UnsupportedOperationException("a model without an actor");
    }
  }

  @Override
  public void schedule(long nextDueMillis, long intervalMillis) {
    schedules.add(new long[] {nextDueMillis, intervalMillis});
  }

  @Override
  public void leave() {
    left = true;
    node.directory.remove(model.id());
  }

  @Override
  public void publishLater(long wallMillis, DeviceModel.DelayedPublish publish) {
    delayed.add(publish);
  }

  @Override
  public void commandArrived(String commandId, String topic) {}
}
