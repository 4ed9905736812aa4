package io.iotsim.core.device;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.generator.FieldGenerator;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.core.schedule.TickWindow;
import io.iotsim.core.seed.Seeds;
import io.iotsim.proto.simulator.v1.EventType;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One virtual device. It is told by the node's {@link TickScheduler} when readings are due,
 * generates them from its seeded generators, encodes and hands them to its publisher without
 * blocking, and offers them to the node's telemetry hub. Everything it emits is a pure function
 * of (profile, id, master seed, reading index), so runs replay byte for byte.
 *
 * <p>Knows nothing of clusters: the node places it (Cluster Sharding) and gives it a way to ask
 * for its own passivation.
 *
 * <p>An {@link ExtensibleBehavior} rather than an AbstractBehavior: a ReceiveBuilder costs ~360 B
 * per actor, and there are a million of these per node.
 */
public final class DeviceActor extends ExtensibleBehavior<DeviceActor.Command> {

  /** Messages a device understands. */
  public interface Command {}

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

  public record Stop(ActorRef<Ack> replyTo) implements Command, CborSerializable {}

  public record Pause(ActorRef<Ack> replyTo) implements Command, CborSerializable {}

  public record Resume(ActorRef<Ack> replyTo) implements Command, CborSerializable {}

  /** Answers to control commands; {@code changed} is false when there was nothing to do. */
  public record Ack(String deviceId, boolean changed) implements CborSerializable {}

  public record GetDetail(ActorRef<Detail> replyTo) implements Command, CborSerializable {}

  public record Detail(
      String deviceId,
      String deviceType,
      Lifecycle state,
      Map<String, String> labels,
      String batchId,
      long readings,
      long nextDueMillis,
      long intervalMillis)
      implements CborSerializable {}

  /** A cloud-to-device command arrived (already acknowledged by the publisher). */
  public record CommandReceived(String commandId, String topic)
      implements Command, NoSerializationVerificationNeeded {}

  /** The stop message given to Cluster Sharding for passivation. */
  public enum Passivate implements Command, CborSerializable {
    INSTANCE
  }

  public static Behavior<Command> create(
      String deviceId, DeviceHost host, Consumer<ActorRef<Command>> requestPassivation) {
    return Behaviors.setup(ctx -> new DeviceActor(ctx, deviceId, host, requestPassivation));
  }

  private final ActorContext<Command> context;
  private final String id;
  private final DeviceHost host;
  private final Consumer<ActorRef<Command>> requestPassivation;

  private Lifecycle state = Lifecycle.IDLE;
  private CompiledBatch compiled;
  private FieldGenerator[] generators;
  private Map<String, String> labels;
  private String topic;
  private LocalDevice local;
  private TickScheduler.Entry<Command> entry;
  private long intervalMillis;
  private long nextDue;
  private long sequence;
  private long emitted;

  private DeviceActor(
      ActorContext<Command> context,
      String deviceId,
      DeviceHost host,
      Consumer<ActorRef<Command>> requestPassivation) {
    this.context = context;
    this.id = deviceId;
    this.host = host;
    this.requestPassivation = requestPassivation;
    // Recreated without a Start (moved, or remembered after a node died): resume from the registry.
    host.batchOf(deviceId).ifPresent(this::begin);
  }

  @Override
  public Behavior<Command> receive(TypedActorContext<Command> ctx, Command message) {
    if (message instanceof Advance advance) {
      return onAdvance(advance);
    } else if (message instanceof Start start) {
      return onStart(start);
    } else if (message instanceof Stop stop) {
      return onStop(stop);
    } else if (message instanceof Pause pause) {
      return onPause(pause);
    } else if (message instanceof Resume resume) {
      return onResume(resume);
    } else if (message instanceof GetDetail get) {
      return onGetDetail(get);
    } else if (message instanceof CommandReceived command) {
      return onCommandReceived(command);
    } else if (message == Unscheduled.INSTANCE) {
      return onUnscheduled();
    } else if (message == Passivate.INSTANCE) {
      return Behaviors.stopped();
    }
    return Behaviors.unhandled();
  }

  @Override
  public Behavior<Command> receiveSignal(TypedActorContext<Command> ctx, Signal signal) {
    return Behaviors.unhandled();
  }

  private Behavior<Command> onStart(Start start) {
    if (state == Lifecycle.IDLE) {
      begin(start.batch());
    }
    boolean ok = state == Lifecycle.RUNNING || state == Lifecycle.PAUSED;
    start.replyTo().tell(new Started(id, ok, ok ? "" : "device " + id + " failed to start"));
    return this;
  }

  private void begin(SpawnBatch batch) {
    try {
      compiled = host.compile(batch);
      long deviceSeed = Seeds.deviceSeed(batch.masterSeed(), id);
      generators = compiled.newGenerators(deviceSeed);
      labels = compiled.labels();
      topic = compiled.topicFor(id, labels);
      intervalMillis = compiled.intervalMillis();
      long phase = Seeds.phaseMillis(deviceSeed, intervalMillis);
      nextDue = batch.startSimMillis() + phase;
      sequence = 0;
      local = host.directory().add(id, compiled.profile().type(), batch.batchId(), labels, context.getSelf());
      compiled.publisher().attach(new DeviceLink(id, compiled.profile().type(), labels, this::commandArrived));
      entry = host.scheduler().register(context.getSelf(), nextDue, intervalMillis);
      transition(Lifecycle.RUNNING);
      event(EventType.EVENT_TYPE_SPAWNED, "spawned", Map.of("protocol", compiled.profile().protocol()));
    } catch (RuntimeException e) {
      context.getLog().error("device {} failed to start", id, e);
      host.counters().error();
      state = Lifecycle.ERROR;
    }
  }

  private void commandArrived(String commandId, String commandTopic, byte[] payload) {
    context.getSelf().tell(new CommandReceived(commandId, commandTopic));
  }

  private Behavior<Command> onAdvance(Advance advance) {
    TickWindow window = advance.window();
    try {
      long end = window.endMillis();
      boolean realSpeed = !host.clock().isMaxSpeed();
      while (nextDue < end) {
        if (state == Lifecycle.RUNNING) {
          if (realSpeed) {
            host.counters().lateness(System.nanoTime() - host.clock().wallNanosAt(nextDue));
          }
          emit(nextDue);
        }
        sequence++;
        nextDue += intervalMillis;
      }
    } catch (RuntimeException e) {
      context.getLog().error("device {} failed to emit a reading", id, e);
      host.counters().error();
      transition(Lifecycle.ERROR);
      event(EventType.EVENT_TYPE_ERROR, String.valueOf(e.getMessage()), Map.of("error_type", e.getClass().getSimpleName()));
    } finally {
      window.arrive();
    }
    return this;
  }

  private void emit(long simTime) {
    DeviceScratch scratch = DeviceScratch.get();
    Reading reading = scratch.reading;
    reading.reset(generators.length);
    for (int i = 0; i < generators.length; i++) {
      generators[i].next(simTime, reading, i);
    }
    int length = scratch.encoder.encode(compiled.layout(), id, simTime, reading, labels);
    boolean accepted =
        compiled
            .publisher()
            .publish(
                scratch.out.set(
                    id,
                    compiled.profile().type(),
                    topic,
                    simTime,
                    sequence,
                    compiled.profile().qos(),
                    scratch.encoder.buffer(),
                    length));
    compiled.counted(accepted);
    host.counters().reading(accepted);
    emitted++;
    TelemetrySink sink = host.telemetry();
    if (sink.hasSubscribers()) {
      sink.offer(snapshot(reading, simTime));
    }
  }

  private DeviceReading snapshot(Reading reading, long simTime) {
    Object[] values = new Object[reading.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (reading.kind(i)) {
            case NUMBER -> reading.number(i);
            case TEXT -> reading.text(i);
            case FLAG -> reading.flag(i);
          };
    }
    return new DeviceReading(id, compiled.profile().type(), labels, simTime, sequence, compiled.fieldNames(), values);
  }

  private Behavior<Command> onStop(Stop stop) {
    boolean changed = state != Lifecycle.STOPPED;
    if (changed) {
      if (entry != null) {
        host.scheduler().cancel(entry);
      }
      if (compiled != null) {
        compiled.publisher().detach(id);
      }
      host.directory().remove(id);
      transition(Lifecycle.STOPPED);
      event(EventType.EVENT_TYPE_STOPPED, "stopped", Map.of("reason", "graceful"));
      if (entry == null) {
        requestPassivation.accept(context.getSelf());
      }
    }
    stop.replyTo().tell(new Ack(id, changed));
    return this;
  }

  /** Only now is it safe to go: no Advance can still be on its way, so no window is left waiting. */
  private Behavior<Command> onUnscheduled() {
    requestPassivation.accept(context.getSelf());
    return this;
  }

  private Behavior<Command> onPause(Pause pause) {
    boolean changed = state == Lifecycle.RUNNING;
    if (changed) {
      transition(Lifecycle.PAUSED);
      event(EventType.EVENT_TYPE_PAUSED, "paused", Map.of());
    }
    pause.replyTo().tell(new Ack(id, changed));
    return this;
  }

  private Behavior<Command> onResume(Resume resume) {
    boolean changed = state == Lifecycle.PAUSED;
    if (changed) {
      transition(Lifecycle.RUNNING);
      event(EventType.EVENT_TYPE_RESUMED, "resumed", Map.of());
    }
    resume.replyTo().tell(new Ack(id, changed));
    return this;
  }

  private Behavior<Command> onGetDetail(GetDetail get) {
    String type = compiled == null ? DeviceIds.typeOf(id) : compiled.profile().type();
    get.replyTo()
        .tell(
            new Detail(
                id,
                type,
                state,
                labels == null ? Map.of() : labels,
                compiled == null ? "" : compiled.batch().batchId(),
                emitted,
                nextDue,
                intervalMillis));
    return this;
  }

  private Behavior<Command> onCommandReceived(CommandReceived command) {
    event(
        EventType.EVENT_TYPE_COMMAND_RECEIVED,
        "command " + command.commandId() + " acknowledged",
        Map.of("command_id", command.commandId(), "topic", command.topic()));
    return this;
  }

  private void transition(Lifecycle next) {
    state = next;
    if (local != null) {
      local.state(next);
    }
  }

  private void event(EventType type, String message, Map<String, String> metadata) {
    host.events()
        .publish(
            new LifecycleEvent(
                id,
                compiled == null ? DeviceIds.typeOf(id) : compiled.profile().type(),
                type,
                message,
                host.clock().simNowMillis(),
                metadata));
  }
}
