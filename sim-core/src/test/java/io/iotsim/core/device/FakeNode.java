package io.iotsim.core.device;

import io.iotsim.core.clock.SimClock;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.publish.EncodedReading;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.schedule.TickScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A node for one or a few devices in tests: a max-speed clock, a directory, events and published
 * payloads collected in lists, a publisher whose queue fill a test sets. The wheel is a real {@link
 * TickScheduler} when a test starts one, else absent (a model alone never asks for it).
 */
public final class FakeNode implements DeviceHost {

  public static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  public static final long MASTER_SEED = 42;

  final SimClock clock = SimClock.maxSpeed(Instant.ofEpochMilli(START));
  final DeviceDirectory directory = new DeviceDirectory();
  final NodeCounters counters = new NodeCounters();
  final List<LifecycleEvent> events = Collections.synchronizedList(new ArrayList<>());
  final List<String> payloads = Collections.synchronizedList(new ArrayList<>());
  final List<String> topics = Collections.synchronizedList(new ArrayList<>());

  /** Set by a test to act out a filling publish queue (backpressure). */
  volatile double queueFill;

  /** When true, the publisher counts payloads without keeping them (allocation tests). */
  volatile boolean countOnly;

  volatile long published;
  TickScheduler<DeviceActor.Command> scheduler;

  /** Where passivation requests go; a test sets it to a probe. */
  volatile Consumer<ActorRef<DeviceActor.Command>> passivations = ref -> {};

  /** Where handed-off devices ask to be woken (device id, resume point); a test sets it. */
  volatile BiConsumer<String, ResumePoint> rehomes = (id, at) -> {};

  /** False acts out a node that has not read the fleet registry yet: it keeps wakes. */
  volatile boolean knowsFleet = true;

  final List<DeviceActor.Command> deferredWakes = Collections.synchronizedList(new ArrayList<>());

  /** The batch devices recreated here without their Start belong to; null: none. */
  volatile SpawnBatch known;

  final Publisher publisher =
      new Publisher() {
        private final PublisherStats stats = new PublisherStats("fake");

        @Override
        public String protocol() {
          return "fake";
        }

        @Override
        public boolean publish(EncodedReading r) {
          published++;
          if (!countOnly) {
            payloads.add(new String(r.buffer(), 0, r.length(), StandardCharsets.UTF_8));
            topics.add(r.topic());
          }
          return true;
        }

        @Override
        public double queueFill() {
          return queueFill;
        }

        @Override
        public PublisherStats stats() {
          return stats;
        }

        @Override
        public void close() {}
      };

  public static SpawnBatch batch(DeviceProfile profile, int count) {
    return batch(profile, count, MASTER_SEED);
  }

  public static SpawnBatch batch(DeviceProfile profile, int count, long masterSeed) {
    return new SpawnBatch(
        "batch-" + profile.type() + "-" + masterSeed,
        profile.type(),
        1,
        count,
        profile,
        Map.of(),
        masterSeed,
        START);
  }

  public List<String> payloads() {
    return payloads;
  }

  public long published() {
    return published;
  }

  public void countOnly() {
    countOnly = true;
  }

  @Override
  public SimClock clock() {
    return clock;
  }

  @Override
  public TickScheduler<DeviceActor.Command> scheduler() {
    return scheduler;
  }

  @Override
  public DeviceDirectory directory() {
    return directory;
  }

  private final TelemetrySink noObservers =
      new TelemetrySink() {
        @Override
        public boolean hasSubscribers() {
          return false;
        }

        @Override
        public void offer(DeviceReading reading) {}
      };

  @Override
  public TelemetrySink telemetry() {
    return noObservers;
  }

  @Override
  public EventSink events() {
    return events::add;
  }

  @Override
  public NodeCounters counters() {
    return counters;
  }

  private final Map<String, CompiledBatch> compiled =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public CompiledBatch compile(SpawnBatch batch) {
    return compiled.computeIfAbsent(
        batch.batchId(), b -> CompiledBatch.compile(batch, this, p -> publisher));
  }

  @Override
  public void passivate(ActorRef<DeviceActor.Command> device) {
    passivations.accept(device);
  }

  @Override
  public Optional<SpawnBatch> batchOf(String deviceId) {
    return Optional.ofNullable(known);
  }

  @Override
  public boolean deferWakeUntilFleetKnown(String deviceId, DeviceActor.Command wake) {
    if (knowsFleet) {
      return false;
    }
    deferredWakes.add(wake);
    return true;
  }

  @Override
  public void rehome(String deviceId, ResumePoint at) {
    rehomes.accept(deviceId, at);
  }
}
