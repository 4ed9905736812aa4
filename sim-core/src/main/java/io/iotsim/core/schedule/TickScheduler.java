package io.iotsim.core.schedule;

import io.iotsim.core.clock.SimClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One timing wheel per node that tells each local device when a reading is due, instead of a Pekko
 * timer per actor (a million timers cost ~500 B each and fall behind).
 *
 * <p>Simulated time is released in windows {@code [start, end)}. Every device with a reading due in
 * a window gets the same {@link TickWindow} message and acknowledges it; the scheduler turns
 * completed windows, in order, into a watermark: every reading before it has been handed to its
 * publisher. At real speed a window is one slot (10 ms by default) and is released when the wall
 * clock passes it; at max speed windows are as large as a batch of devices and are released as soon
 * as few enough are in flight, so the run is CPU-bound and never wall-clock bound.
 *
 * <p>{@link #holdAt(long) Barriers} stop the release at a simulated time until they are released:
 * scenario steps and spawns are applied there, which is what makes max speed replay exactly.
 *
 * <p>All state is confined to the scheduler's own thread; other threads talk to it through a
 * command queue.
 */
public final class TickScheduler<M> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TickScheduler.class);

  /** An emptied slot keeps its array up to this capacity; a larger one is let go. */
  private static final int SLOT_KEPT = 64;

  /**
   * A behaviour with a place in the wheel. A device is its own entry, so the wheel keeps no object
   * per device of its own (48 B each, a million per node). The fields are the wheel's: only its
   * thread touches them once the entry is registered, until it has told the entry {@code
   * unscheduledMessage}; the entry may then be registered again.
   */
  public abstract static class Entry<M> extends ExtensibleBehavior<M> {
    private long due;
    private long interval;
    private int slot = -1;
    private int pos;
    private boolean cancelled;

    /** Whom the wheel tells. */
    public abstract ActorRef<M> ref();
  }

  /** The entry of a receiver that is not one itself (tests, tools): never run as a behaviour. */
  private static final class RefEntry<M> extends Entry<M> {
    private final ActorRef<M> ref;

    private RefEntry(ActorRef<M> ref) {
      this.ref = ref;
    }

    @Override
    public ActorRef<M> ref() {
      return ref;
    }

    @Override
    public Behavior<M> receive(TypedActorContext<M> ctx, M msg) {
      throw new UnsupportedOperationException("a wheel entry for " + ref + ", not a behaviour");
    }

    @Override
    public Behavior<M> receiveSignal(TypedActorContext<M> ctx, Signal signal) {
      throw new UnsupportedOperationException("a wheel entry for " + ref + ", not a behaviour");
    }
  }

  /** Tuning, with the defaults in reference.conf ({@code iot-sim.scheduler}). */
  /**
   * @param maxWindowReadings at max speed, about how many readings one window holds: larger windows
   *     give each device several readings per message (less messaging per reading), smaller ones
   *     bound what ordered outputs buffer
   */
  public record Settings(
      long slotMillis, int wheelSlots, int maxWindowReadings, int maxWindowsInFlight) {
    public static Settings defaults() {
      return new Settings(10, 1024, 300_000, 4);
    }
  }

  /** Holds the release of simulated time at {@code atMillis} until {@link #release()}. */
  public static final class Barrier implements AutoCloseable {
    private final long atMillis;
    private final Runnable onRelease;
    private boolean released;

    private Barrier(long atMillis, Runnable onRelease) {
      this.atMillis = atMillis;
      this.onRelease = onRelease;
    }

    public long atMillis() {
      return atMillis;
    }

    /**
     * Lets simulated time pass {@link #atMillis()} (unless another barrier holds it). Idempotent.
     */
    public void release() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      onRelease.run();
    }

    @Override
    public void close() {
      release();
    }
  }

  private sealed interface Cmd permits Register, Reschedule, Cancel, AwaitWatermark {}

  private record Register(Entry<?> entry, long due, long interval) implements Cmd {}

  private record Reschedule(Entry<?> entry, long due, long interval) implements Cmd {}

  private record Cancel(Entry<?> entry) implements Cmd {}

  private record AwaitWatermark(long simMillis, CompletableFuture<Long> future) implements Cmd {}

  private final SimClock clock;
  private final Function<TickWindow, ? extends M> windowMessage;
  private final M unscheduledMessage;
  private final LongConsumer onWatermark;
  private final Settings settings;
  private final ConcurrentLinkedQueue<Cmd> commands = new ConcurrentLinkedQueue<>();
  private final TreeMap<Long, Integer> barriers = new TreeMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private final Object closeLock = new Object();
  private boolean closed; // guarded by closeLock
  private volatile long watermark;
  private volatile java.util.function.LongSupplier sinkRoom = () -> Long.MAX_VALUE;

  // Scheduler-thread state.
  private final Entry<?>[][] slots;
  private final int[] slotSizes;
  private final ArrayList<Entry<?>> fired = new ArrayList<>();
  private final ArrayDeque<TickWindow> inFlight = new ArrayDeque<>();
  private final TreeMap<Long, ArrayList<CompletableFuture<Long>>> watermarkWaiters =
      new TreeMap<>();
  private long cursor;
  private long windowSequence;
  private int entries;
  private double readingsPerMilli;

  public TickScheduler(
      SimClock clock,
      Function<TickWindow, ? extends M> windowMessage,
      M unscheduledMessage,
      LongConsumer onWatermark,
      Settings settings) {
    this.clock = clock;
    this.windowMessage = windowMessage;
    this.unscheduledMessage = unscheduledMessage;
    this.onWatermark = onWatermark;
    this.settings = settings;
    this.slots = new Entry<?>[settings.wheelSlots()][];
    this.slotSizes = new int[settings.wheelSlots()];
    this.cursor = clock.simStartMillis();
    this.watermark = cursor;
    this.thread = new Thread(this::run, "iot-sim-ticker");
    this.thread.setDaemon(true);
  }

  public TickScheduler<M> start() {
    thread.start();
    return this;
  }

  /**
   * Starts the wheel at {@code simMillis} instead of the clock's start: a node that joins a running
   * cluster starts where the cluster's simulated time is, not where its own clock began.
   */
  public TickScheduler<M> startFrom(long simMillis) {
    if (thread.isAlive()) {
      throw new IllegalStateException("scheduler already started");
    }
    cursor = floorToSlot(simMillis);
    watermark = cursor;
    clock.released(cursor);
    return start();
  }

  // ---- API for any thread ----

  /** Tells {@code ref} at {@code firstDueMillis} and every {@code intervalMillis} after. */
  public Entry<M> register(ActorRef<M> ref, long firstDueMillis, long intervalMillis) {
    return register(new RefEntry<>(ref), firstDueMillis, intervalMillis);
  }

  /**
   * Tells {@code entry}'s actor at {@code firstDueMillis} and every {@code intervalMillis} after.
   * An entry is registered once, or again after it was told {@code unscheduledMessage}.
   */
  public Entry<M> register(Entry<M> entry, long firstDueMillis, long intervalMillis) {
    entry.cancelled = false;
    entry.slot = -1;
    commands.add(new Register(entry, firstDueMillis, intervalMillis));
    return entry;
  }

  /** The device's next reading is at {@code dueMillis}, then every {@code intervalMillis}. */
  public void reschedule(Entry<M> entry, long dueMillis, long intervalMillis) {
    commands.add(new Reschedule(entry, dueMillis, intervalMillis));
  }

  /**
   * Stops telling the entry's device. The device then gets {@code unscheduledMessage}, after any
   * window it was already told about, so it can go without leaving a window unacknowledged.
   */
  public void cancel(Entry<M> entry) {
    synchronized (closeLock) {
      if (!closed) {
        commands.add(new Cancel(entry));
        return;
      }
    }
    // A closed wheel tells no one any more: the device may go at once (node shutdown, handoff).
    entry.ref().tell(unscheduledMessage);
  }

  /** Simulated time is not released past {@code simMillis} until the barrier is released. */
  public Barrier holdAt(long simMillis) {
    synchronized (barriers) {
      barriers.merge(simMillis, 1, Integer::sum);
    }
    return new Barrier(simMillis, () -> releaseBarrier(simMillis));
  }

  private void releaseBarrier(long simMillis) {
    synchronized (barriers) {
      Integer n = barriers.get(simMillis);
      if (n == null || n <= 1) {
        barriers.remove(simMillis);
      } else {
        barriers.put(simMillis, n - 1);
      }
    }
    wake();
  }

  /** Completes when every reading before {@code simMillis} has been handed to its publisher. */
  public CompletableFuture<Long> whenWatermarkReaches(long simMillis) {
    CompletableFuture<Long> future = new CompletableFuture<>();
    if (watermark >= simMillis) {
      future.complete(watermark);
    } else {
      commands.add(new AwaitWatermark(simMillis, future));
      wake();
    }
    return future;
  }

  /**
   * Completes once the scheduler thread has taken in every register, reschedule and cancel sent
   * before this call: a scenario step waits for it before letting time pass, so devices it spawned
   * or rescheduled are in the wheel before the next window is cut.
   */
  public CompletableFuture<Long> afterPendingCommands() {
    CompletableFuture<Long> future = new CompletableFuture<>();
    commands.add(new AwaitWatermark(Long.MIN_VALUE, future));
    wake();
    return future;
  }

  /**
   * At speed max, releases simulated time only as fast as the sinks take readings: {@code room}
   * says how many more readings the publishers' queues take (the fullest one's), and a window is
   * cut no larger than that room less what the windows still in flight will hand over. So a fast
   * run is as fast as the broker acknowledges, and nothing is dropped for want of room.
   */
  public void gateMaxSpeedOn(java.util.function.LongSupplier room) {
    this.sinkRoom = room;
    wake();
  }

  /** Every reading scheduled before this simulated time has been handed to its publisher. */
  public long watermark() {
    return watermark;
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (closeLock) {
      closed = true;
    }
    // devices that asked to leave while the wheel stopped are let go rather than left waiting
    for (Cmd cmd; (cmd = commands.poll()) != null; ) {
      if (cmd instanceof Cancel c) {
        unschedule(c.entry());
      }
    }
  }

  private void wake() {
    LockSupport.unpark(thread);
  }

  // ---- scheduler thread ----

  private void run() {
    while (running) {
      try {
        // The limit is read before the commands are drained: whoever registered devices and then
        // released a barrier has its registrations taken in before time passes that barrier.
        long limit = barrierLimit();
        drainCommands();
        completeWindows();
        if (clock.isMaxSpeed()) {
          stepAtMaxSpeed(limit);
        } else {
          stepAtRealSpeed(limit);
        }
      } catch (RuntimeException e) {
        log.error("tick scheduler step failed; continuing", e);
      }
    }
  }

  private void stepAtMaxSpeed(long limit) {
    if (inFlight.size() >= settings.maxWindowsInFlight() || cursor >= limit) {
      LockSupport.parkNanos(1_000_000L);
      return;
    }
    if (entries == 0 && limit == Long.MAX_VALUE) {
      LockSupport.parkNanos(1_000_000L);
      return;
    }
    long span = settings.slotMillis() * (long) (settings.wheelSlots() - 1);
    long length =
        (long)
            Math.min(
                span,
                Math.max(
                    settings.slotMillis(),
                    settings.maxWindowReadings() / Math.max(readingsPerMilli, 1e-9)));
    long room = sinkRoom.getAsLong();
    if (room != Long.MAX_VALUE) {
      double pending = 0;
      for (TickWindow w : inFlight) {
        pending += (w.endMillis() - w.startMillis()) * readingsPerMilli;
      }
      double free = room - pending;
      if (free <= 0 || (free < readingsPerMilli * settings.slotMillis() && !inFlight.isEmpty())) {
        LockSupport.parkNanos(1_000_000L);
        return;
      }
      length = Math.min(length, Math.max(settings.slotMillis(), (long) (free / readingsPerMilli)));
    }
    long end = Math.min(limit, nextBoundary(cursor + length - 1));
    collectDue(cursor, end);
    releaseCollected(end);
  }

  private void stepAtRealSpeed(long limit) {
    long now = clock.simNowMillis();
    long target = Math.min(limit, floorToSlot(now));
    if (target > cursor) {
      long span = settings.slotMillis() * (long) (settings.wheelSlots() - 1);
      // Behind by a lot (a long GC pause): catch up in large windows rather than one per slot.
      while (cursor < target) {
        long end =
            target - cursor > 10 * settings.slotMillis()
                ? Math.min(target, cursor + span)
                : Math.min(target, nextBoundary(cursor));
        collectDue(cursor, end);
        releaseCollected(end);
      }
    }
    long nextWallNanos = clock.wallNanosAt(nextBoundary(clock.simNowMillis()));
    long sleep = nextWallNanos - System.nanoTime();
    LockSupport.parkNanos(Math.max(100_000L, Math.min(sleep, settings.slotMillis() * 1_000_000L)));
  }

  private long barrierLimit() {
    synchronized (barriers) {
      return barriers.isEmpty() ? Long.MAX_VALUE : barriers.firstKey();
    }
  }

  private long floorToSlot(long t) {
    return Math.floorDiv(t, settings.slotMillis()) * settings.slotMillis();
  }

  private long nextBoundary(long t) {
    return floorToSlot(t) + settings.slotMillis();
  }

  private int slotOf(long t) {
    return (int)
        Math.floorMod(Math.floorDiv(t, settings.slotMillis()), (long) settings.wheelSlots());
  }

  /** Adds to {@link #fired} the entries with a reading due in {@code [from, to)}. */
  private void collectDue(long from, long to) {
    for (long t = floorToSlot(from); t < to; t += settings.slotMillis()) {
      int s = slotOf(t);
      Entry<?>[] slot = slots[s];
      for (int i = 0, n = slotSizes[s]; i < n; i++) {
        Entry<?> e = slot[i];
        if (e.due < to && e.due >= from) {
          fired.add(e);
        } else if (e.due < from) {
          // Registered late (spawned while time moved on): due now, its readings catch up.
          fired.add(e);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void releaseCollected(long end) {
    long start = cursor;
    int n = fired.size();
    TickWindow window = new TickWindow(windowSequence++, start, end, n, this::wake);
    inFlight.addLast(window);
    if (n > 0) {
      M message = windowMessage.apply(window);
      for (int i = 0; i < n; i++) {
        Entry<M> e = (Entry<M>) fired.get(i);
        e.ref().tell(message);
        long due = e.due;
        if (due < end) {
          due += ((end - due + e.interval - 1) / e.interval) * e.interval;
        }
        move(e, due);
      }
      fired.clear();
    }
    cursor = end;
    clock.released(end);
    completeWindows();
  }

  private void completeWindows() {
    long reached = -1;
    while (!inFlight.isEmpty() && inFlight.peekFirst().isComplete()) {
      reached = inFlight.pollFirst().endMillis();
    }
    if (reached >= 0 && reached > watermark) {
      watermark = reached;
      onWatermark.accept(reached);
      while (!watermarkWaiters.isEmpty() && watermarkWaiters.firstKey() <= reached) {
        for (CompletableFuture<Long> f : watermarkWaiters.pollFirstEntry().getValue()) {
          f.complete(reached);
        }
      }
    }
  }

  private void drainCommands() {
    Cmd cmd;
    while ((cmd = commands.poll()) != null) {
      if (cmd instanceof Register r) {
        if (!r.entry().cancelled) {
          r.entry().interval = r.interval();
          readingsPerMilli += 1.0 / r.interval();
          insert(r.entry(), r.due());
        }
      } else if (cmd instanceof Reschedule r) {
        if (!r.entry().cancelled && r.entry().slot >= 0) {
          readingsPerMilli += 1.0 / r.interval() - 1.0 / r.entry().interval;
          r.entry().interval = r.interval();
          move(r.entry(), r.due());
        }
      } else if (cmd instanceof Cancel c) {
        unschedule(c.entry());
      } else if (cmd instanceof AwaitWatermark w) {
        if (watermark >= w.simMillis()) {
          w.future().complete(watermark);
        } else {
          watermarkWaiters.computeIfAbsent(w.simMillis(), k -> new ArrayList<>()).add(w.future());
        }
      }
    }
  }

  /** An entry already late (due before the cursor) goes where the next window looks first. */
  private int slotFor(long due) {
    return slotOf(Math.max(due, cursor));
  }

  @SuppressWarnings("unchecked")
  private void unschedule(Entry<?> e) {
    if (e.cancelled) {
      return;
    }
    e.cancelled = true;
    if (e.slot >= 0) {
      readingsPerMilli -= 1.0 / e.interval;
      remove(e);
    }
    ((Entry<M>) e).ref().tell(unscheduledMessage);
  }

  private void insert(Entry<?> e, long due) {
    e.due = due;
    int s = slotFor(due);
    Entry<?>[] slot = slots[s];
    if (slot == null) {
      slot = slots[s] = new Entry<?>[8];
    } else if (slotSizes[s] == slot.length) {
      slot = slots[s] = java.util.Arrays.copyOf(slot, slot.length * 2);
    }
    e.slot = s;
    e.pos = slotSizes[s];
    slot[slotSizes[s]++] = e;
    entries++;
  }

  private void remove(Entry<?> e) {
    int s = e.slot;
    Entry<?>[] slot = slots[s];
    int last = --slotSizes[s];
    Entry<?> moved = slot[last];
    slot[e.pos] = moved;
    moved.pos = e.pos;
    slot[last] = null;
    if (last == 0 && slot.length > SLOT_KEPT) {
      // Emptied (its devices fired and moved on): every slot of the wheel fills in turn, so keeping
      // each one's peak capacity would hold ~10 references per device at a 1 s interval.
      slots[s] = null;
    }
    e.slot = -1;
    entries--;
  }

  private void move(Entry<?> e, long due) {
    if (slotFor(due) == e.slot) {
      e.due = due;
      return;
    }
    remove(e);
    insert(e, due);
  }
}
