package io.iotsim.core.device;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultState;
import io.iotsim.core.generator.FieldGenerator;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.payload.EnvelopeLayout;
import io.iotsim.core.profile.Backpressure;
import io.iotsim.core.profile.ConnectionMode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.publish.EncodedReading;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.core.schedule.TickWindow;
import io.iotsim.core.seed.Seeds;
import io.iotsim.proto.simulator.v1.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** Adds a fault; it acts on the readings in its window and clears itself after. */
  public record InjectFault(FaultSpec fault, ActorRef<Ack> replyTo) implements Command, CborSerializable {}

  /** Changes interval, generators or labels from {@code update.atSimMillis()} on. */
  public record Update(BehaviourUpdate update, ActorRef<Ack> replyTo) implements Command, CborSerializable {}

  /** A reading held back by a latency spike, due to be published now. Self-sent. */
  private record DelayedPublish(
      DeviceExtras.PendingWindow window, String topic, long simTime, long sequence, byte[] payload)
      implements Command, NoSerializationVerificationNeeded {}

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
      long intervalMillis,
      List<FaultSpec> faults)
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
  private DeviceExtras extras;

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
    } else if (message instanceof DelayedPublish delayed) {
      return onDelayedPublish(delayed);
    } else if (message instanceof InjectFault inject) {
      return onInjectFault(inject);
    } else if (message instanceof Update update) {
      return onUpdate(update);
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
      return onPassivate();
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
      event(EventType.EVENT_TYPE_STARTED, "started", Map.of("interval_ms", Long.toString(intervalMillis)));
    } catch (RuntimeException e) {
      context.getLog().error("device {} failed to start", id, e);
      host.counters().error();
      state = Lifecycle.ERROR;
      event(EventType.EVENT_TYPE_ERROR, "failed to start: " + e.getMessage(), Map.of("error_type", "start_failed"));
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
          emit(nextDue, window);
        }
        sequence++;
        nextDue += intervalMillis;
      }
      if (extras != null && extras.faults != null) {
        expireFaults(end);
      }
      if (compiled != null && compiled.profile().backpressure() == Backpressure.SLOW_DOWN) {
        checkBackpressure();
      }
    } catch (RuntimeException e) {
      context.getLog().error("device {} failed to emit a reading", id, e);
      host.counters().error();
      transition(Lifecycle.ERROR);
      event(EventType.EVENT_TYPE_ERROR, String.valueOf(e.getMessage()), Map.of("error_type", e.getClass().getSimpleName()));
    } finally {
      DeviceExtras x = extras;
      if (x != null && x.pending != null && x.pending.window == window) {
        DeviceExtras.PendingWindow p = x.pending;
        x.pending = null;
        p.seal();
      } else {
        window.arrive();
      }
    }
    return this;
  }

  private void emit(long simTime, TickWindow window) {
    DeviceScratch scratch = DeviceScratch.get();
    Reading reading = scratch.reading;
    reading.reset(generators.length);
    for (int i = 0; i < generators.length; i++) {
      generators[i].next(simTime, reading, i);
    }
    DeviceExtras x = extras;
    long stamp = simTime;
    EnvelopeLayout layout = compiled.layout();
    if (x != null) {
      if (x.layout != null) {
        layout = x.layout;
      }
      FaultState faults = x.faults;
      if (faults != null && faults.active()) {
        if (!faults.apply(simTime, reading)) {
          return;
        }
        stamp = faults.timestamp();
        if (faults.latencyMillis() > 0) {
          int length = scratch.encoder.encode(layout, id, stamp, reading, labels);
          delay(faults.latencyMillis(), window, simTime, java.util.Arrays.copyOf(scratch.encoder.buffer(), length));
          offer(reading, simTime);
          emitted++;
          return;
        }
      }
    }
    int length = scratch.encoder.encode(layout, id, stamp, reading, labels);
    publish(scratch.out, simTime, sequence, scratch.encoder.buffer(), length);
    emitted++;
    offer(reading, simTime);
  }

  private void publish(EncodedReading out, long simTime, long seq, byte[] buffer, int length) {
    boolean accepted =
        compiled
            .publisher()
            .publish(out.set(id, compiled.profile().type(), topic, simTime, seq, compiled.profile().qos(), buffer, length));
    compiled.counted(accepted);
    host.counters().reading(accepted);
  }

  private void offer(Reading reading, long simTime) {
    TelemetrySink sink = host.telemetry();
    if (sink.hasSubscribers()) {
      sink.offer(snapshot(reading, simTime));
    }
  }

  /** Publishes later without blocking; the window waits for it, so ordered outputs stay exact. */
  private void delay(long millis, TickWindow window, long simTime, byte[] payload) {
    DeviceExtras x = extras;
    if (x.pending == null || x.pending.window != window) {
      x.pending = new DeviceExtras.PendingWindow(window);
    }
    x.pending.remaining++;
    x.outstanding++;
    context.scheduleOnce(
        Duration.ofMillis(millis), context.getSelf(), new DelayedPublish(x.pending, topic, simTime, sequence, payload));
  }

  private Behavior<Command> onDelayedPublish(DelayedPublish d) {
    try {
      if (compiled != null) {
        publish(DeviceScratch.get().out, d.simTime(), d.sequence(), d.payload(), d.payload().length);
      }
    } finally {
      d.window().done();
      extras.outstanding--;
      if (extras.unscheduled && extras.outstanding == 0) {
        requestPassivation.accept(context.getSelf());
      }
    }
    return this;
  }

  // ---- faults ----

  private Behavior<Command> onInjectFault(InjectFault inject) {
    boolean changed = false;
    FaultSpec fault = inject.fault();
    if (compiled != null && state != Lifecycle.STOPPED && state != Lifecycle.ERROR) {
      DeviceExtras x = extras();
      if (x.faults == null) {
        x.faults = new FaultState(Seeds.deviceSeed(compiled.batch().masterSeed(), id));
      }
      boolean wasDisconnected = x.faults.hasDisconnect();
      changed = x.faults.add(fault, profile().fields());
      if (changed) {
        host.counters().faultInjected();
        if (fault.type() == io.iotsim.core.fault.FaultType.DISCONNECT && !wasDisconnected && perDeviceConnection()) {
          compiled.publisher().detach(id);
        }
        Map<String, String> meta = new LinkedHashMap<>(fault.params());
        meta.put("fault", fault.type().name());
        meta.put("duration", io.iotsim.core.time.Durations.format(Duration.ofMillis(fault.durationMillis())));
        event(EventType.EVENT_TYPE_FAULT_INJECTED, "fault " + fault.type().name() + " injected", fault.startSimMillis(), meta);
      }
    }
    inject.replyTo().tell(new Ack(id, changed));
    return this;
  }

  private void expireFaults(long before) {
    FaultState faults = extras.faults;
    boolean wasDisconnected = faults.hasDisconnect();
    faults.expire(
        before,
        f -> {
          Map<String, String> meta = new LinkedHashMap<>(f.params());
          meta.put("fault", f.type().name());
          event(EventType.EVENT_TYPE_FAULT_CLEARED, "fault " + f.type().name() + " cleared", f.endSimMillis(), meta);
        });
    if (wasDisconnected && !faults.hasDisconnect() && perDeviceConnection()) {
      compiled.publisher().attach(new DeviceLink(id, compiled.profile().type(), labels, this::commandArrived));
    }
    if (!faults.active()) {
      extras.faults = null;
    }
  }

  private boolean perDeviceConnection() {
    return compiled.profile().connection() == ConnectionMode.PER_DEVICE;
  }

  // ---- live control ----

  private Behavior<Command> onUpdate(Update message) {
    BehaviourUpdate u = message.update();
    boolean changed = false;
    if (compiled != null && state != Lifecycle.STOPPED && state != Lifecycle.ERROR) {
      List<String> what = new ArrayList<>();
      if (replaceFields(u.fieldSpecs())) {
        what.add("telemetry_fields");
      }
      if (!u.setLabels().isEmpty() || !u.removeLabels().isEmpty()) {
        Map<String, String> next = new LinkedHashMap<>(labels);
        next.putAll(u.setLabels());
        u.removeLabels().forEach(next::remove);
        if (!next.equals(labels)) {
          labels = java.util.Collections.unmodifiableMap(next);
          topic = compiled.topicFor(id, labels);
          if (local != null) {
            local.labels(labels);
          }
          what.add("labels");
        }
      }
      if (u.intervalMillis() > 0) {
        long base = extras != null && extras.slowed ? extras.baseInterval : intervalMillis;
        if (u.intervalMillis() != base) {
          long last = nextDue - intervalMillis;
          long next = u.intervalMillis() * (extras != null && extras.slowed ? 2 : 1);
          if (extras != null && extras.slowed) {
            extras.baseInterval = u.intervalMillis();
          }
          long due = Math.max(last + next, Math.min(u.atSimMillis(), nextDue));
          intervalMillis = next;
          nextDue = due;
          if (entry != null) {
            host.scheduler().reschedule(entry, nextDue, intervalMillis);
          }
          what.add("telemetry_interval");
        }
      }
      changed = !what.isEmpty();
      if (changed) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("changed", String.join(",", what));
        meta.put("interval_ms", Long.toString(intervalMillis));
        event(EventType.EVENT_TYPE_BEHAVIOUR_UPDATED, "behaviour updated: " + String.join(", ", what), u.atSimMillis(), meta);
      }
    }
    message.replyTo().tell(new Ack(id, changed));
    return this;
  }

  /** Replaces the generators of the fields this device has; the others are not its own. */
  private boolean replaceFields(List<FieldSpec> replacements) {
    if (replacements.isEmpty()) {
      return false;
    }
    DeviceProfile current = profile();
    List<FieldSpec> fields = new ArrayList<>(current.fields());
    long deviceSeed = Seeds.deviceSeed(compiled.batch().masterSeed(), id);
    boolean any = false;
    for (FieldSpec r : replacements) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(r.name())) {
          fields.set(i, r);
          // a new stream, still a pure function of (seed, field, where in the schedule it began)
          generators[i] = r.generator().newGenerator(Seeds.fieldSeed(deviceSeed, r.name() + "#" + sequence));
          any = true;
        }
      }
    }
    if (any) {
      DeviceProfile p =
          new DeviceProfile(
              current.type(), current.protocol(), current.topicTemplate(), current.telemetryInterval(), fields,
              current.labels(), current.qos(), current.backpressure(), current.connection(), current.protocolOptions());
      DeviceExtras x = extras();
      x.profile = p;
      x.layout = EnvelopeLayout.of(p);
    }
    return any;
  }

  // ---- backpressure ----

  /** slow_down: double the interval above 80% publish-queue fill, restore it under 50%. */
  private void checkBackpressure() {
    double fill = compiled.publisher().queueFill();
    boolean slowed = extras != null && extras.slowed;
    if (!slowed && fill > 0.8) {
      DeviceExtras x = extras();
      x.slowed = true;
      x.baseInterval = intervalMillis;
      changeInterval(intervalMillis * 2);
      host.counters().slowdown();
      event(
          EventType.EVENT_TYPE_BACKPRESSURE_SLOWDOWN,
          "publish queue " + Math.round(fill * 100) + "% full: interval doubled",
          Map.of("queue_fill", String.format(java.util.Locale.ROOT, "%.2f", fill), "interval_ms", Long.toString(intervalMillis), "mode", "slowed"));
    } else if (slowed && fill < 0.5) {
      extras.slowed = false;
      changeInterval(extras.baseInterval);
      event(
          EventType.EVENT_TYPE_BACKPRESSURE_SLOWDOWN,
          "publish queue " + Math.round(fill * 100) + "% full: interval restored",
          Map.of("queue_fill", String.format(java.util.Locale.ROOT, "%.2f", fill), "interval_ms", Long.toString(intervalMillis), "mode", "restored"));
    }
  }

  private void changeInterval(long interval) {
    intervalMillis = interval;
    if (entry != null) {
      host.scheduler().reschedule(entry, nextDue, intervalMillis);
    }
  }

  private DeviceExtras extras() {
    if (extras == null) {
      extras = new DeviceExtras();
    }
    return extras;
  }

  private DeviceProfile profile() {
    return extras != null && extras.profile != null ? extras.profile : compiled.profile();
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
    if (extras != null && extras.outstanding > 0) {
      extras.unscheduled = true;
    } else {
      requestPassivation.accept(context.getSelf());
    }
    return this;
  }

  private Behavior<Command> onPassivate() {
    if (extras != null && extras.pending != null) {
      extras.pending.seal();
    }
    return Behaviors.stopped();
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
                intervalMillis,
                extras == null || extras.faults == null ? List.of() : extras.faults.faults()));
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
    event(type, message, host.clock().simNowMillis(), metadata);
  }

  private void event(EventType type, String message, long simMillis, Map<String, String> metadata) {
    host.events()
        .publish(
            new LifecycleEvent(
                id,
                compiled == null ? DeviceIds.typeOf(id) : compiled.profile().type(),
                type,
                message,
                simMillis,
                metadata));
  }
}
