package io.iotsim.core.device;

import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultState;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.generator.FieldGenerators;
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
import io.iotsim.core.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one virtual device does, without messaging: emit the readings of a window, take a fault or
 * an update, slow down under backpressure, hold readings back during a latency spike, describe
 * itself. Everything it emits is a pure function of (profile, id, master seed, reading index), so
 * runs replay byte for byte.
 *
 * <p>The device's actor extends it and feeds it messages; what needs the actor (its place in the
 * node's timing wheel and directory, timers, its inbox) the model asks for through {@link Place}.
 * Kept small: a node holds a million of these, so what only some devices need lives in {@link
 * DeviceExtras}, and ids and topics are derived when asked for. Its state and extras are volatile:
 * the directory's readers see them through the actor, which is the device's {@link LocalDevice}.
 *
 * <p>A base class of the actor rather than an object it holds, and so a wheel entry and a behaviour
 * too: a device is one object, not two. With its id derived from the actor's name, its node found
 * through its batch and its state a byte, it takes 96 B under ZGC where the actor and the model
 * took 136. The model itself never touches what it inherits; tests drive it through a subclass
 * without an actor ({@code ModelHarness}).
 *
 * @param <M> the messages of the behaviour that drives it
 */
public abstract class DeviceModel<M> extends TickScheduler.Entry<M>
    implements EncodedReading.TopicSource {

  /** What a device needs from its actor. Called only while the model handles a message. */
  public interface Place {

    /** Joins the node's directory (selectors, listings). */
    void enter();

    /** Puts the device in the node's timing wheel, or moves it there. */
    void schedule(long nextDueMillis, long intervalMillis);

    /** Leaves the timing wheel and the directory; the device gets no new windows after. */
    void leave();

    /** Hands {@code publish} back to {@link #publishDelayed} after {@code wallMillis}. */
    void publishLater(long wallMillis, DelayedPublish publish);

    /** A cloud-to-device command arrived (on a publisher's thread; must not block). */
    void commandArrived(String commandId, String topic);
  }

  /** A reading held back by a latency spike; the window it belongs to waits for it. */
  public record DelayedPublish(
      DeviceExtras.PendingWindow window, long simTime, long sequence, byte[] payload) {}

  private static final Lifecycle[] LIFECYCLES = Lifecycle.values();

  /**
   * The {@link Lifecycle}'s ordinal: a byte where a reference takes 8, which keeps the device's
   * object a size class smaller. Volatile, as is {@link #extras}: the directory's readers on other
   * threads read it.
   */
  private volatile byte state = (byte) Lifecycle.IDLE.ordinal();

  private CompiledBatch compiled;

  /** Its fields' generator state, laid out by the batch's {@link FieldGenerators} (or extras'). */
  private long[] fieldState;

  private long nextDue;
  private long sequence;
  private long emitted;
  private volatile DeviceExtras extras;

  /** The node this device runs on, while it has no batch yet; then its batch knows the node. */
  abstract DeviceHost host();

  /** The node this device runs on: not a field of its own, as a million devices share it. */
  DeviceHost node() {
    CompiledBatch c = compiled;
    return c != null ? c.node() : host();
  }

  /**
   * Its id. Not a field: a device's actor derives it from its name, which Pekko keeps anyway (8 B a
   * device). Called only once the device has handled its first message.
   */
  public abstract String id();

  public Lifecycle state() {
    return LIFECYCLES[state];
  }

  public long nextDueMillis() {
    return nextDue;
  }

  /** Its interval now: the batch's, or what an update or a slowdown made of it. */
  public long intervalMillis() {
    DeviceExtras x = extras;
    return x != null && x.intervalMillis > 0
        ? x.intervalMillis
        : compiled == null ? 0 : compiled.intervalMillis();
  }

  public long emitted() {
    return emitted;
  }

  /** Delayed publishes not yet out, across windows. */
  public int outstanding() {
    return extras == null ? 0 : extras.outstanding;
  }

  /**
   * Becomes the device {@code batch} defines for this id and starts running.
   *
   * @throws RuntimeException when it cannot start (a profile this node cannot publish); the caller
   *     turns it into {@link #fail}
   */
  public void start(SpawnBatch batch, Place host) {
    compiled = node().compile(batch);
    long deviceSeed = Seeds.deviceSeed(batch.masterSeed(), id());
    fieldState = compiled.newFieldState(deviceSeed);
    // Resolved now to fail the start on a label the template names and the device lacks; not kept:
    // derived again when a protocol needs it (an 80-byte string per device otherwise).
    compiled.topicFor(id(), compiled.labels());
    DeviceExtras x = extras;
    if (x != null) {
      x.labels = null;
      x.intervalMillis = 0;
    }
    long intervalMillis = compiled.intervalMillis();
    nextDue = batch.startSimMillis() + Seeds.phaseMillis(deviceSeed, intervalMillis);
    sequence = 0;
    host.enter();
    compiled.publisher().attach(link(host));
    host.schedule(nextDue, intervalMillis);
    transition(Lifecycle.RUNNING);
    event(EventType.SPAWNED, "spawned", Map.of("protocol", compiled.profile().protocol()));
    event(EventType.STARTED, "started", Map.of("interval_ms", Long.toString(intervalMillis)));
  }

  /**
   * Becomes a device recreated without its Start and without a {@link ResumePoint} (its node died,
   * or a sweep woke it): its batch, the updates, faults and pause state of {@code recovery}, and,
   * with {@code skipMissed}, the first reading due at or after now: the gap publishes nothing and
   * the sequence is the one its schedule gives for now (no burst of missed readings). Without it
   * every missed reading is published at once (replay).
   */
  public void resume(DeviceRecovery recovery, boolean skipMissed, Place host) {
    restore(recovery, host);
    if (skipMissed) {
      long now = node().clock().simNowMillis();
      if (nextDue < now) {
        long intervalMillis = intervalMillis();
        long missed = (now - nextDue + intervalMillis - 1) / intervalMillis;
        sequence += missed;
        nextDue += missed * intervalMillis;
        host.schedule(nextDue, intervalMillis);
      }
    }
    restoreState(recovery, host);
  }

  /**
   * Becomes a device handed off by its old node (see {@link ResumePoint}): like {@link #resume},
   * but its schedule continues at {@code at}, so the slots that fell due while it moved are
   * published in its first window (a catch-up), and nothing its old node published is repeated.
   */
  public void resumeAt(DeviceRecovery recovery, ResumePoint at, Place host) {
    restore(recovery, host);
    nextDue = at.nextDueMillis();
    sequence = at.sequence();
    host.schedule(nextDue, intervalMillis());
    restoreState(recovery, host);
  }

  /** Where this device's schedule stands now: what a handoff carries to its next node. */
  public ResumePoint resumePoint() {
    return new ResumePoint(nextDue, sequence);
  }

  /** Its batch, then the updates of the log in order (the interval they leave it with). */
  private void restore(DeviceRecovery recovery, Place host) {
    start(recovery.batch(), host);
    for (BehaviourUpdate u : recovery.updates()) {
      update(u, host);
    }
  }

  /** The faults still running and the pause state of the log, once the schedule is placed. */
  private void restoreState(DeviceRecovery recovery, Place host) {
    for (FaultSpec f : recovery.faults()) {
      injectFault(f, host);
    }
    if (recovery.paused()) {
      pause();
    }
  }

  private DeviceLink link(Place host) {
    return new DeviceLink(
        id(), type(), labels(), (commandId, t, payload) -> host.commandArrived(commandId, t));
  }

  // ---- emitting ----

  /**
   * Emits the readings due before the window's end (none while paused: their slots pass). The
   * window is acknowledged here, or by the last delayed publish it waits for, even when emitting
   * throws.
   */
  public void advance(TickWindow window, Place host) {
    try {
      long end = window.endMillis();
      if (state() == Lifecycle.RUNNING || state() == Lifecycle.PAUSED) {
        DeviceHost node = node();
        boolean realSpeed = !node.clock().isMaxSpeed();
        long intervalMillis = intervalMillis();
        while (nextDue < end) {
          if (state() == Lifecycle.RUNNING) {
            if (realSpeed) {
              node.counters().lateness(System.nanoTime() - node.clock().wallNanosAt(nextDue));
            }
            emit(nextDue, window, host);
          }
          sequence++;
          nextDue += intervalMillis;
        }
        if (extras != null && extras.faults != null) {
          expireFaults(end, host);
        }
        // At speed max the scheduler waits for the publishers instead: stretching an interval
        // there would change which readings exist, not just when they go.
        if (realSpeed && compiled.profile().backpressure() == Backpressure.SLOW_DOWN) {
          checkBackpressure(host);
        }
      }
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
  }

  private void emit(long simTime, TickWindow window, Place host) {
    DeviceScratch scratch = DeviceScratch.get();
    Reading reading = scratch.reading;
    generators().next(simTime, fieldState, reading);
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
          int length = scratch.encoder.encode(layout, id(), stamp, reading, labels());
          byte[] payload = Arrays.copyOf(scratch.encoder.buffer(), length);
          delay(faults.latencyMillis(), window, simTime, payload, host);
          observe(reading, simTime);
          emitted++;
          return;
        }
      }
    }
    int length = scratch.encoder.encode(layout, id(), stamp, reading, labels());
    publish(scratch.out, simTime, sequence, scratch.encoder.buffer(), length);
    emitted++;
    observe(reading, simTime);
  }

  private void publish(EncodedReading out, long simTime, long seq, byte[] buffer, int length) {
    DeviceProfile p = compiled.profile();
    boolean accepted =
        compiled
            .publisher()
            .publish(out.set(id(), p.type(), this, simTime, seq, p.qos(), buffer, length));
    compiled.counted(accepted);
    node().counters().reading(accepted);
  }

  private void observe(Reading reading, long simTime) {
    TelemetrySink sink = node().telemetry();
    if (sink.hasSubscribers()) {
      sink.offer(snapshot(reading, simTime));
    }
  }

  /** Publishes later without blocking; the window waits for it, so ordered outputs stay exact. */
  private void delay(long millis, TickWindow window, long simTime, byte[] payload, Place host) {
    DeviceExtras x = extras;
    if (x.pending == null || x.pending.window != window) {
      x.pending = new DeviceExtras.PendingWindow(window);
    }
    x.pending.remaining++;
    x.outstanding++;
    host.publishLater(millis, new DelayedPublish(x.pending, simTime, sequence, payload));
  }

  /** A held-back reading is due: publishes it (unless the device has gone) and frees its window. */
  public void publishDelayed(DelayedPublish d) {
    try {
      if (state().live()) {
        publish(
            DeviceScratch.get().out, d.simTime(), d.sequence(), d.payload(), d.payload().length);
      }
    } finally {
      d.window().done();
      extras.outstanding--;
    }
  }

  /** Lets go of the windows waiting for delayed publishes that will now never be handled. */
  public void releaseWindows() {
    if (extras != null && extras.pending != null) {
      extras.pending.seal();
      extras.pending = null;
    }
  }

  // ---- faults ----

  /** Adds a fault; false when the device cannot take it or already has it. */
  public boolean injectFault(FaultSpec fault, Place host) {
    if (!state().live()) {
      return false;
    }
    DeviceExtras x = extras();
    if (x.faults == null) {
      x.faults = new FaultState(Seeds.deviceSeed(compiled.batch().masterSeed(), id()));
    }
    boolean wasDisconnected = x.faults.hasDisconnect();
    if (!x.faults.add(fault, profile().fields())) {
      return false;
    }
    node().counters().faultInjected();
    if (fault.type() == FaultType.DISCONNECT && !wasDisconnected && perDeviceConnection()) {
      compiled.publisher().detach(id());
    }
    Map<String, String> meta = new LinkedHashMap<>(fault.params());
    meta.put("fault", fault.type().name());
    meta.put("duration", Durations.format(Duration.ofMillis(fault.durationMillis())));
    event(
        EventType.FAULT_INJECTED,
        "fault " + fault.type().name() + " injected",
        fault.startSimMillis(),
        meta);
    return true;
  }

  private void expireFaults(long before, Place host) {
    FaultState faults = extras.faults;
    boolean wasDisconnected = faults.hasDisconnect();
    faults.expire(
        before,
        f -> {
          Map<String, String> meta = new LinkedHashMap<>(f.params());
          meta.put("fault", f.type().name());
          event(
              EventType.FAULT_CLEARED,
              "fault " + f.type().name() + " cleared",
              f.endSimMillis(),
              meta);
        });
    if (wasDisconnected && !faults.hasDisconnect() && perDeviceConnection()) {
      compiled.publisher().attach(link(host));
    }
    if (!faults.active()) {
      extras.faults = null;
    }
  }

  private boolean perDeviceConnection() {
    return compiled.profile().connection() == ConnectionMode.PER_DEVICE;
  }

  // ---- updates ----

  /**
   * Applies a checked update (see {@link BehaviourUpdate}); false when nothing changed. The update
   * is shared by every device it reaches: only what is this device's own is built here.
   */
  public boolean update(BehaviourUpdate u, Place host) {
    if (!state().live()) {
      return false;
    }
    List<String> what = new ArrayList<>();
    if (replaceFields(u.fieldSpecs())) {
      what.add("telemetry_fields");
    }
    if (!u.setLabels().isEmpty() || !u.removeLabels().isEmpty()) {
      Map<String, String> next = new LinkedHashMap<>(labels());
      next.putAll(u.setLabels());
      u.removeLabels().forEach(next::remove);
      if (!next.equals(labels())) {
        Map<String, String> updated = Collections.unmodifiableMap(next);
        compiled.topicFor(id(), updated);
        extras().labels = updated;
        what.add("labels");
      }
    }
    if (u.intervalMillis() > 0) {
      boolean slowed = extras != null && extras.slowed;
      long intervalMillis = intervalMillis();
      long base = slowed ? extras.baseInterval : intervalMillis;
      if (u.intervalMillis() != base) {
        long last = nextDue - intervalMillis;
        long next = u.intervalMillis() * (slowed ? 2 : 1);
        if (slowed) {
          extras.baseInterval = u.intervalMillis();
        }
        nextDue = Math.max(last + next, Math.min(u.atSimMillis(), nextDue));
        extras().intervalMillis = next;
        host.schedule(nextDue, next);
        what.add("telemetry_interval");
      }
    }
    if (what.isEmpty()) {
      return false;
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("changed", String.join(",", what));
    meta.put("interval_ms", Long.toString(intervalMillis()));
    event(
        EventType.BEHAVIOUR_UPDATED,
        "behaviour updated: " + String.join(", ", what),
        u.atSimMillis(),
        meta);
    return true;
  }

  /** Replaces the generators of the fields this device has; the others are not its own. */
  private boolean replaceFields(List<FieldSpec> replacements) {
    if (replacements.isEmpty()) {
      return false;
    }
    List<FieldSpec> fields = profile().fields();
    boolean[] replaced = new boolean[fields.size()];
    boolean any = false;
    for (FieldSpec r : replacements) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(r.name())) {
          replaced[i] = true;
          any = true;
        }
      }
    }
    if (!any) {
      return false;
    }
    FieldGenerators before = generators();
    CompiledBatch.Updated u = compiled.withFields(profile(), replacements);
    FieldGenerators after = u.generators();
    long deviceSeed = Seeds.deviceSeed(compiled.batch().masterSeed(), id());
    long[] state = after.newState();
    for (int i = 0; i < replaced.length; i++) {
      if (!replaced[i]) {
        after.carry(i, before, fieldState, state);
      } else if (after.stateful(i)) {
        // a new stream, still a pure function of (seed, field, where in the schedule it began)
        after.seed(i, Seeds.fieldSeed(deviceSeed, fields.get(i).name() + "#" + sequence), state);
      }
    }
    fieldState = state;
    DeviceExtras x = extras();
    x.profile = u.profile();
    x.layout = u.layout();
    x.generators = after;
    return true;
  }

  // ---- backpressure ----

  /** slow_down: double the interval above 80% publish-queue fill, restore it under 50%. */
  private void checkBackpressure(Place host) {
    double fill = compiled.publisher().queueFill();
    boolean slowed = extras != null && extras.slowed;
    if (!slowed && fill > 0.8) {
      DeviceExtras x = extras();
      x.slowed = true;
      x.baseInterval = intervalMillis();
      x.intervalMillis = x.baseInterval * 2;
      host.schedule(nextDue, x.intervalMillis);
      node().counters().slowdown();
      slowdownEvent(fill, "interval doubled", "slowed");
    } else if (slowed && fill < 0.5) {
      extras.slowed = false;
      extras.intervalMillis = extras.baseInterval;
      host.schedule(nextDue, extras.intervalMillis);
      slowdownEvent(fill, "interval restored", "restored");
    }
  }

  private void slowdownEvent(double fill, String what, String mode) {
    event(
        EventType.BACKPRESSURE_SLOWDOWN,
        "publish queue " + Math.round(fill * 100) + "% full: " + what,
        Map.of(
            "queue_fill", String.format(Locale.ROOT, "%.2f", fill),
            "interval_ms", Long.toString(intervalMillis()),
            "mode", mode));
  }

  // ---- lifecycle ----

  public boolean pause() {
    if (state() != Lifecycle.RUNNING) {
      return false;
    }
    transition(Lifecycle.PAUSED);
    event(EventType.PAUSED, "paused", Map.of());
    return true;
  }

  public boolean resume() {
    if (state() != Lifecycle.PAUSED) {
      return false;
    }
    transition(Lifecycle.RUNNING);
    event(EventType.RESUMED, "resumed", Map.of());
    return true;
  }

  /** Stops for good: leaves the wheel, the directory and its publisher. False when already gone. */
  public boolean stop(Place host) {
    if (state() == Lifecycle.STOPPED || state() == Lifecycle.ERROR) {
      return false;
    }
    transition(Lifecycle.STOPPED);
    cleanUp(host);
    event(EventType.STOPPED, "stopped", Map.of("reason", "graceful"));
    return true;
  }

  /**
   * Something this device did threw: it goes to ERROR, says why, and leaves the wheel and the
   * directory, so nothing waits for it. Safe to call in any state.
   */
  public void fail(Throwable cause, Place host) {
    if (state() == Lifecycle.ERROR) {
      return;
    }
    boolean wasStarted = state().live();
    transition(Lifecycle.ERROR);
    node().counters().error();
    try {
      cleanUp(host);
    } finally {
      event(
          EventType.ERROR,
          (wasStarted ? "failed: " : "failed to start: ") + cause,
          Map.of("error_type", cause.getClass().getSimpleName()));
    }
  }

  /** The one way out of the fleet, for stop, failure, passivation and handoff. */
  private void cleanUp(Place host) {
    try {
      if (compiled != null) {
        compiled.publisher().detach(id());
      }
    } finally {
      host.leave();
    }
  }

  /**
   * Leaves the node without a stop (passivation, handoff): the device keeps its state so it can be
   * recreated from its batch elsewhere, but nothing here waits for it any more.
   */
  public void passivate(Place host) {
    extras().passivating = true;
    if (state().live()) {
      transition(Lifecycle.STOPPED);
      cleanUp(host);
    }
  }

  public boolean passivating() {
    return extras != null && extras.passivating;
  }

  public void commandReceived(String commandId, String commandTopic) {
    event(
        EventType.COMMAND_RECEIVED,
        "command " + commandId + " acknowledged",
        Map.of("command_id", commandId, "topic", commandTopic));
  }

  // ---- observation ----

  /** What the device runs now: after an update, the updated interval, fields and labels. */
  public DeviceDetail detail() {
    return new DeviceDetail(
        id(),
        type(),
        state(),
        labels(),
        compiled == null ? "" : compiled.batch().batchId(),
        emitted,
        nextDue,
        intervalMillis(),
        compiled == null ? null : currentProfile(),
        extras == null || extras.faults == null ? List.of() : extras.faults.faults());
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
    return new DeviceReading(
        id(), type(), labels(), simTime, sequence, compiled.fieldNames(), values);
  }

  private DeviceProfile currentProfile() {
    DeviceProfile p = profile();
    long base = extras != null && extras.slowed ? extras.baseInterval : intervalMillis();
    return new DeviceProfile(
        p.type(),
        p.protocol(),
        p.topicTemplate(),
        Duration.ofMillis(base),
        p.fields(),
        labels(),
        p.qos(),
        p.backpressure(),
        p.connection(),
        p.protocolOptions());
  }

  private DeviceExtras extras() {
    if (extras == null) {
      extras = new DeviceExtras();
    }
    return extras;
  }

  private FieldGenerators generators() {
    return extras != null && extras.generators != null ? extras.generators : compiled.generators();
  }

  private DeviceProfile profile() {
    return extras != null && extras.profile != null ? extras.profile : compiled.profile();
  }

  public String type() {
    return compiled == null ? DeviceIds.typeOf(id()) : compiled.profile().type();
  }

  public String batchId() {
    return compiled == null ? "" : compiled.batch().batchId();
  }

  /** Its labels now: the batch's, or what updates made of them. */
  public Map<String, String> labels() {
    DeviceExtras x = extras;
    Map<String, String> l = x == null ? null : x.labels;
    return l != null ? l : compiled != null ? compiled.labels() : Map.of();
  }

  /** Its topic, resolved from the template when a publisher asks (see {@link #start}). */
  @Override
  public String topic() {
    return compiled.topicFor(id(), labels());
  }

  private void transition(Lifecycle next) {
    state = (byte) next.ordinal();
  }

  private void event(EventType type, String message, Map<String, String> metadata) {
    event(type, message, node().clock().simNowMillis(), metadata);
  }

  private void event(EventType type, String message, long simMillis, Map<String, String> metadata) {
    node().events().publish(new LifecycleEvent(id(), type(), type, message, simMillis, metadata));
  }
}
