package io.iotsim.core.device;

import static io.iotsim.core.device.FakeNode.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.generator.FieldGenerator;
import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.profile.Backpressure;
import io.iotsim.core.profile.ConnectionMode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.core.seed.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device actor on a fake node with a real timing wheel at max speed: it runs its model, and
 * every way out (stop, failure, passivation) leaves the wheel so the watermark keeps moving.
 */
class DeviceActorTest {

  static final ActorTestKit kit = ActorTestKit.create();
  static final DeviceProfile SENSOR =
      ProfileLoader.load(Path.of("../profiles/temperature_sensor.yaml"));
  static final long END = START + 120_000;

  /** Throws on a device's third reading. */
  record Boom() implements GeneratorSpec {
    @Override
    public FieldGenerator generator() {
      return new FieldGenerator() {
        @Override
        public int stateSize() {
          return 1;
        }

        @Override
        public void next(long simTime, long[] state, int at, Reading reading, int slot) {
          if (++state[at] == 3) {
            throw new IllegalStateException("boom at reading 3");
          }
          reading.setNumber(slot, 1.0);
        }
      };
    }

    @Override
    public boolean numeric() {
      return true;
    }

    @Override
    public String type() {
      return "boom";
    }
  }

  FakeNode node;
  TickScheduler<DeviceActor.Command> wheel;
  TickScheduler.Barrier atStart;
  TickScheduler.Barrier atMiddle;
  TestProbe<ActorRef<DeviceActor.Command>> passivations;

  @BeforeEach
  void setUp() {
    node = new FakeNode();
    wheel =
        new TickScheduler<>(
            node.clock,
            DeviceActor.Advance::new,
            DeviceActor.Unscheduled.INSTANCE,
            w -> {},
            TickScheduler.Settings.defaults());
    node.scheduler = wheel;
    atStart = wheel.holdAt(START);
    atMiddle = wheel.holdAt(START + 30_000);
    wheel.holdAt(END);
    wheel.start();
    passivations = kit.createTestProbe();
    node.passivations = passivations.ref()::tell;
  }

  @AfterEach
  void tearDown() {
    wheel.close();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private ActorRef<DeviceActor.Command> spawn(String id, DeviceProfile profile) {
    ActorRef<DeviceActor.Command> ref = spawnNamed(id, node);
    TestProbe<DeviceActor.Started> started = kit.createTestProbe();
    ref.tell(new DeviceActor.Start(FakeNode.batch(profile, 10), started.ref()));
    assertThat(started.receiveMessage().ok()).isTrue();
    return ref;
  }

  /**
   * A device named {@code id} (its id is its actor's name) under a parent of its own, as a node's
   * shard would hold it: a device moved to another node may reuse the name at once.
   */
  private static ActorRef<DeviceActor.Command> spawnNamed(String id, DeviceHost host) {
    DeviceHosts.register(kit.system(), host);
    TestProbe<ActorRef<DeviceActor.Command>> made = kit.createTestProbe();
    kit.spawn(
        Behaviors.setup(
            ctx -> {
              made.ref().tell(ctx.spawn(DeviceActor.create(), id));
              return Behaviors.empty();
            }));
    return made.receiveMessage();
  }

  private void runTo(long simMillis) throws Exception {
    wheel.whenWatermarkReaches(simMillis).get(10, TimeUnit.SECONDS);
  }

  private DeviceDetail detail(ActorRef<DeviceActor.Command> ref) {
    TestProbe<DeviceDetail> probe = kit.createTestProbe();
    ref.tell(new DeviceActor.GetDetail(probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void runsItsModelOnTheWheel() throws Exception {
    ActorRef<DeviceActor.Command> ref = spawn("temperature_sensor-000001", SENSOR);
    atStart.release();
    atMiddle.release();
    runTo(END);
    assertThat(node.payloads()).hasSize(24);
    DeviceDetail d = detail(ref);
    assertThat(d.state()).isEqualTo(Lifecycle.RUNNING);
    assertThat(d.readings()).isEqualTo(24);
    assertThat(d.profile()).isEqualTo(SENSOR);
  }

  @Test
  void aThrowingGeneratorPutsTheDeviceInErrorAndTheWheelMovesOn() throws Exception {
    DeviceProfile boom =
        new DeviceProfile(
            "boom",
            "console",
            "b/{device_id}",
            Duration.ofSeconds(5),
            List.of(new FieldSpec("x", new Boom(), 1)),
            Map.of(),
            0,
            Backpressure.DROP_OLDEST,
            ConnectionMode.POOLED,
            Map.of());
    ActorRef<DeviceActor.Command> failing = spawn("boom-000001", boom);
    spawn("temperature_sensor-000001", SENSOR);
    atStart.release();
    atMiddle.release();
    runTo(END);
    assertThat(passivations.receiveMessage()).isEqualTo(failing);
    assertThat(node.directory.get("boom-000001")).isEmpty();
    assertThat(node.payloads()).filteredOn(p -> p.contains("boom-000001")).hasSize(2);
    assertThat(node.payloads())
        .filteredOn(p -> p.contains("temperature_sensor-000001"))
        .hasSize(24);
    assertThat(node.events)
        .filteredOn(e -> e.type() == EventType.ERROR)
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).contains("IllegalStateException: boom at reading 3"));
    assertThat(detail(failing).state()).isEqualTo(Lifecycle.ERROR);
  }

  @Test
  void stopLeavesTheWheelAndAsksToPassivate() throws Exception {
    ActorRef<DeviceActor.Command> ref = spawn("temperature_sensor-000001", SENSOR);
    spawn("temperature_sensor-000002", SENSOR);
    atStart.release();
    runTo(START + 30_000);
    TestProbe<DeviceActor.Ack> acks = kit.createTestProbe();
    ref.tell(new DeviceActor.Stop(acks.ref()));
    assertThat(acks.receiveMessage().changed()).isTrue();
    atMiddle.release();
    runTo(END);
    assertThat(passivations.receiveMessage()).isEqualTo(ref);
    assertThat(node.directory.get("temperature_sensor-000001")).isEmpty();
    assertThat(node.payloads()).filteredOn(p -> p.contains("temperature_sensor-000001")).hasSize(6);
    assertThat(node.payloads())
        .filteredOn(p -> p.contains("temperature_sensor-000002"))
        .hasSize(24);
    ref.tell(new DeviceActor.Stop(acks.ref()));
    assertThat(acks.receiveMessage().changed()).isFalse();
  }

  @Test
  void passivationLeavesTheWheelThenStops() throws Exception {
    ActorRef<DeviceActor.Command> ref = spawn("temperature_sensor-000001", SENSOR);
    spawn("temperature_sensor-000002", SENSOR);
    atStart.release();
    runTo(START + 30_000);
    ref.tell(DeviceActor.Passivate.INSTANCE);
    TestProbe<Object> watcher = kit.createTestProbe();
    watcher.expectTerminated(ref, Duration.ofSeconds(5));
    atMiddle.release();
    runTo(END);
    assertThat(node.directory.get("temperature_sensor-000001")).isEmpty();
    assertThat(node.payloads())
        .filteredOn(p -> p.contains("temperature_sensor-000002"))
        .hasSize(24);
  }

  @Test
  void aHandedOffDeviceContinuesOnItsNextNodeWithoutDuplicateOrGap() throws Exception {
    handOff(false);
  }

  /** A joining node may be given a shard before it has read the fleet registry. */
  @Test
  void aDeviceHandedToANodeThatHasNotReadTheFleetYetWaitsForIt() throws Exception {
    handOff(true);
  }

  private void handOff(boolean fleetReadLate) throws Exception {
    String id = "temperature_sensor-000001";
    ActorRef<DeviceActor.Command> ref = spawn(id, SENSOR);
    atStart.release();
    runTo(START + 30_000);
    TestProbe<ResumePoint> rehomed = kit.createTestProbe();
    node.rehomes = (device, at) -> rehomed.ref().tell(at);
    ref.tell(DeviceActor.Passivate.INSTANCE);
    ResumePoint at = rehomed.receiveMessage();
    kit.createTestProbe().expectTerminated(ref, Duration.ofSeconds(5));

    // its next node is further on: the 30 s that passed while it moved are caught up on arrival
    FakeNode next = new FakeNode();
    SpawnBatch batch = FakeNode.batch(SENSOR, 10);
    next.known = fleetReadLate ? null : batch;
    next.knowsFleet = !fleetReadLate;
    TestProbe<ActorRef<DeviceActor.Command>> nextPassivations = kit.createTestProbe();
    next.passivations = nextPassivations.ref()::tell;
    TickScheduler<DeviceActor.Command> nextWheel =
        new TickScheduler<>(
            next.clock,
            DeviceActor.Advance::new,
            DeviceActor.Unscheduled.INSTANCE,
            w -> {},
            TickScheduler.Settings.defaults());
    next.scheduler = nextWheel;
    TickScheduler.Barrier moved = nextWheel.holdAt(START + 60_000);
    nextWheel.holdAt(END);
    nextWheel.start();
    try {
      nextWheel.whenWatermarkReaches(START + 60_000).get(10, TimeUnit.SECONDS);
      ActorRef<DeviceActor.Command> there = spawnNamed(id, next);
      DeviceActor.WakeAt wake = new DeviceActor.WakeAt(at);
      there.tell(wake);
      if (fleetReadLate) {
        // the node keeps the wake for when it has read the fleet; the device goes meanwhile
        assertThat(nextPassivations.receiveMessage()).isEqualTo(there);
        assertThat(next.deferredWakes).containsExactly(wake);
        there.tell(DeviceActor.Passivate.INSTANCE);
        kit.createTestProbe().expectTerminated(there, Duration.ofSeconds(5));
        next.known = batch;
        next.knowsFleet = true;
        // the node's wake, through sharding: a new incarnation, as the shard would create it
        there = spawnNamed(id, next);
        there.tell(next.deferredWakes.get(0));
      }
      assertThat(detail(there).state()).isEqualTo(Lifecycle.RUNNING);
      nextPassivations.expectNoMessage(Duration.ZERO);
      nextWheel.afterPendingCommands().get(10, TimeUnit.SECONDS);
      moved.release();
      nextWheel.whenWatermarkReaches(END).get(10, TimeUnit.SECONDS);
    } finally {
      nextWheel.close();
    }

    List<Long> here = timestamps(node);
    List<Long> there = timestamps(next);
    assertThat(here).isNotEmpty().allMatch(t -> t < at.nextDueMillis());
    assertThat(there).isNotEmpty().allMatch(t -> t >= at.nextDueMillis());
    long interval = SENSOR.telemetryInterval().toMillis();
    long first = START + Seeds.phaseMillis(Seeds.deviceSeed(FakeNode.MASTER_SEED, id), interval);
    List<Long> expected = new java.util.ArrayList<>();
    for (long t = first; t < END; t += interval) {
      expected.add(t);
    }
    List<Long> all = new java.util.ArrayList<>(here);
    all.addAll(there);
    assertThat(all).containsExactlyElementsOf(expected);
  }

  private static List<Long> timestamps(FakeNode node) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<Long> out = new java.util.ArrayList<>();
    for (String p : List.copyOf(node.payloads())) {
      out.add(java.time.Instant.parse(json.readTree(p).get("timestamp").asText()).toEpochMilli());
    }
    return out;
  }
}
