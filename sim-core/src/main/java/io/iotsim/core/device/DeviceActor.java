package io.iotsim.core.device;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.core.schedule.TickWindow;
import java.net.URLDecoder;
import java.time.Duration;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One virtual device as an actor: adapts messages to the {@link DeviceModel} it extends and gives
 * the model its place in the node's timing wheel and directory. Told by the node's {@link
 * TickScheduler} when readings are due. Knows nothing of clusters: the node places it (Cluster
 * Sharding) and passivates it when asked ({@link DeviceHost#passivate}).
 *
 * <p>Whatever throws while a message is handled puts the device in ERROR (with an event naming the
 * cause) and out of the wheel and the directory; the window it was told is still acknowledged, so
 * one broken device never stalls the fleet.
 *
 * <p>An {@link ExtensibleBehavior} rather than an AbstractBehavior: a ReceiveBuilder costs ~360 B
 * per actor, and there are a million of these per node. For the same reason the actor is also its
 * own {@link LocalDevice} in the node's directory and its own entry in the wheel, and its model's
 * subclass rather than its owner: a device is one object of 96 B (under ZGC), not three.
 */
public final class DeviceActor extends DeviceModel<DeviceActor.Command>
    implements DeviceModel.Place, LocalDevice {

  /** Messages a device understands. */
  public interface Command {}

  /** A command that changes the device and is answered with an {@link Ack}. */
  public interface Control extends Command {
    ActorRef<Ack> replyTo();
  }

  /** Become the device {@code batch} defines for this id; replies {@link Started}. */
  public record Start(SpawnBatch batch, ActorRef<Started> replyTo)
      implements Command, CborSerializable {}

  public record Started(String deviceId, boolean ok, String error) implements CborSerializable {}

  /** Readings due before {@code window.endMillis()} are to be emitted now. Node-local. */
  public record Advance(TickWindow window) implements Command, NoSerializationVerificationNeeded {}

  /** The scheduler will not tell this device again; sent after its last {@link Advance}. */
  public enum Unscheduled implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  public record Stop(ActorRef<Ack> replyTo) implements Control, CborSerializable {}

  public record Pause(ActorRef<Ack> replyTo) implements Control, CborSerializable {}

  public record Resume(ActorRef<Ack> replyTo) implements Control, CborSerializable {}

  /** Adds a fault; it acts on the readings in its window and clears itself after. */
  public record InjectFault(FaultSpec fault, ActorRef<Ack> replyTo)
      implements Control, CborSerializable {}

  /** Changes interval, generators or labels from {@code update.atSimMillis()} on. */
  public record Update(BehaviourUpdate update, ActorRef<Ack> replyTo)
      implements Control, CborSerializable {}

  /** Answers to control commands; {@code changed} is false when there was nothing to do. */
  public record Ack(String deviceId, boolean changed) implements CborSerializable {}

  public record GetDetail(ActorRef<DeviceDetail> replyTo) implements Command, CborSerializable {}

  /** A cloud-to-device command arrived (already acknowledged by the publisher). */
  public record CommandReceived(String commandId, String topic)
      implements Command, NoSerializationVerificationNeeded {}

  /** The stop message given to Cluster Sharding for passivation and handoff. */
  public enum Passivate implements Command, CborSerializable {
    INSTANCE
  }

  /**
   * Makes sure the device runs where sharding places it: creating the entity recovers it (see
   * {@link DeviceHost#recover}); a device that must not run passivates. Sent after a node died (a
   * moved shard's devices get a {@link WakeAt}).
   */
  public enum Wake implements Command, CborSerializable {
    INSTANCE
  }

  /**
   * A {@link Wake} from a device's old node when its shard was handed off (rebalance, graceful
   * leave): the new incarnation continues at {@code at}, not at now, so the move leaves neither a
   * gap nor a duplicate. Only moving devices send one; a device that stays pays nothing for it.
   */
  public record WakeAt(ResumePoint at) implements Command, CborSerializable {}

  /** A reading held back by a latency spike, due to be published now. Self-sent. */
  private record Delayed(DeviceModel.DelayedPublish publish)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A device whose id is the name of its actor (URL-decoded: sharding names an entity after its id,
   * encoded), on the node registered for its actor system ({@link DeviceHosts#register}), so one
   * Props serves every device of a node. Built directly rather than in {@code Behaviors.setup},
   * which would cost ~48 B per device: the context, and with it the name, comes with the first
   * message.
   */
  public static Behavior<Command> create() {
    return new DeviceActor();
  }

  /** Set with the first message; its name is the device's id. */
  private ActorContext<Command> context;

  /** In the wheel, from the first schedule until the wheel confirms it let go. */
  private boolean inWheel;

  private DeviceActor() {}

  /** The node registered for this actor system ({@link DeviceHosts}). */
  @Override
  DeviceHost host() {
    return DeviceHosts.of(context.getSystem());
  }

  @Override
  public Behavior<Command> receive(TypedActorContext<Command> ctx, Command message) {
    if (context == null) {
      context = ctx.asJava();
    }
    try {
      return switch (state()) {
        case IDLE -> idle(message);
        case RUNNING, PAUSED -> live(message);
        case STOPPED, ERROR -> gone(message);
      };
    } catch (RuntimeException | AssertionError e) {
      context.getLog().error("device {} failed on {}", id(), message.getClass().getSimpleName(), e);
      return failed(e);
    }
  }

  /**
   * Puts the device in ERROR. It has no supervisor (one per device costs ~100 B; a node holds a
   * million), so it is its own: should even that fail, it stops, as a stop supervisor would have.
   */
  private Behavior<Command> failed(Throwable cause) {
    try {
      fail(cause, this);
      return goIfFree();
    } catch (RuntimeException | AssertionError e) {
      context.getLog().error("device {} failed while failing; stopping it", id(), e);
      return Behaviors.stopped();
    }
  }

  @Override
  public Behavior<Command> receiveSignal(TypedActorContext<Command> ctx, Signal signal) {
    return Behaviors.unhandled();
  }

  // ---- one handler per lifecycle state ----

  private Behavior<Command> idle(Command message) {
    if (message instanceof Start start) {
      start(start.batch());
      answer(start);
      return goIfFree();
    }
    // Created by another message (woken after its node died, or its shard moved): resume from
    // what the node knows of it; a device that must not run stays idle and passivates. So does a
    // device woken before its node has read the fleet, which it would not be found in yet: the
    // node wakes it again once it has.
    boolean deferred = isWake(message) && node().deferWakeUntilFleetKnown(id(), message);
    if (message != Passivate.INSTANCE && !deferred) {
      node().recover(id()).ifPresent(r -> recover(r, message));
    }
    return state().live() ? live(message) : gone(message);
  }

  private static boolean isWake(Command message) {
    return message == Wake.INSTANCE || message instanceof WakeAt;
  }

  private Behavior<Command> live(Command message) {
    if (message instanceof Advance advance) {
      advance(advance.window(), this);
    } else if (message instanceof Stop stop) {
      ack(stop.replyTo(), stop(this));
    } else if (message instanceof Pause pause) {
      ack(pause.replyTo(), pause());
    } else if (message instanceof Resume resume) {
      ack(resume.replyTo(), resume());
    } else if (message instanceof InjectFault inject) {
      ack(inject.replyTo(), injectFault(inject.fault(), this));
    } else if (message instanceof Update update) {
      ack(update.replyTo(), update(update.update(), this));
    } else if (message instanceof CommandReceived command) {
      commandReceived(command.commandId(), command.topic());
    } else {
      return always(message);
    }
    return this;
  }

  /** Stopped or failed: nothing changes any more; windows still told are acknowledged. */
  private Behavior<Command> gone(Command message) {
    if (message instanceof Control control) {
      ack(control.replyTo(), false);
    } else if (!(message instanceof CommandReceived)) {
      return always(message);
    }
    return this;
  }

  /** What every state does the same way. */
  private Behavior<Command> always(Command message) {
    if (message instanceof Advance advance) {
      advance(advance.window(), this);
    } else if (message instanceof Delayed delayed) {
      publishDelayed(delayed.publish());
      return goIfFree();
    } else if (message instanceof GetDetail get) {
      get.replyTo().tell(detail());
    } else if (message instanceof Start start) {
      answer(start);
    } else if (message == Unscheduled.INSTANCE) {
      inWheel = false;
      return goIfFree();
    } else if (isWake(message)) {
      return goIfFree();
    } else if (message == Passivate.INSTANCE) {
      // live when sharding hands the shard off (rebalance, leaving node): start again over there,
      // from the slot where its schedule stops here
      boolean moving = state().live();
      ResumePoint at = resumePoint();
      passivate(this);
      if (moving) {
        node().rehome(id(), at);
      }
      return goIfFree();
    } else {
      return Behaviors.unhandled();
    }
    return this;
  }

  // ---- leaving ----

  /** Once no window can still be told to it or wait for it: stops when told to, else asks to. */
  private Behavior<Command> goIfFree() {
    if (inWheel || outstanding() > 0) {
      return this;
    }
    if (passivating()) {
      releaseWindows();
      return Behaviors.stopped();
    }
    if (!state().live()) {
      node().passivate(context.getSelf());
    }
    return this;
  }

  private void start(SpawnBatch batch) {
    try {
      start(batch, this);
    } catch (RuntimeException e) {
      context.getLog().error("device {} failed to start", id(), e);
      fail(e, this);
    }
  }

  /** A handoff's wake carries where to continue; any other message resumes as a failover does. */
  private void recover(DeviceRecovery recovery, Command cause) {
    try {
      if (cause instanceof WakeAt wake) {
        resumeAt(recovery, wake.at(), this);
      } else {
        resume(recovery, node().skipMissed(), this);
      }
    } catch (RuntimeException e) {
      context.getLog().error("device {} failed to resume", id(), e);
      fail(e, this);
    }
  }

  private void answer(Start start) {
    boolean ok = state().live();
    String why = ok ? "" : "device " + id() + " is " + state().label();
    start.replyTo().tell(new Started(id(), ok, why));
  }

  private void ack(ActorRef<Ack> replyTo, boolean changed) {
    replyTo.tell(new Ack(id(), changed));
  }

  // ---- DeviceModel.Place: the device's place in the node ----

  @Override
  public void enter() {
    node().directory().add(this);
  }

  // ---- LocalDevice: the device as the directory's readers see it (any thread) ----

  /**
   * Its actor's name, decoded (sharding names an entity after its id, URL-encoded). Asked for
   * several times per reading: a name with nothing to decode (the usual id) is returned as it is,
   * without the decoder, which allocates even then.
   */
  @Override
  public String id() {
    String name = context.getSelf().path().name();
    return name.indexOf('%') < 0 && name.indexOf('+') < 0 ? name : URLDecoder.decode(name, UTF_8);
  }

  @Override
  public ActorRef<Command> ref() {
    return context.getSelf();
  }

  @Override
  public void schedule(long nextDueMillis, long intervalMillis) {
    TickScheduler<Command> wheel = node().scheduler();
    if (!inWheel) {
      inWheel = true;
      wheel.register(this, nextDueMillis, intervalMillis);
    } else {
      wheel.reschedule(this, nextDueMillis, intervalMillis);
    }
  }

  @Override
  public void leave() {
    try {
      if (inWheel) {
        // in the wheel until Unscheduled: windows already cut may still be on their way
        node().scheduler().cancel(this);
      }
    } finally {
      node().directory().remove(id());
    }
  }

  @Override
  public void publishLater(long wallMillis, DeviceModel.DelayedPublish publish) {
    context.scheduleOnce(Duration.ofMillis(wallMillis), context.getSelf(), new Delayed(publish));
  }

  @Override
  public void commandArrived(String commandId, String topic) {
    context.getSelf().tell(new CommandReceived(commandId, topic));
  }
}
