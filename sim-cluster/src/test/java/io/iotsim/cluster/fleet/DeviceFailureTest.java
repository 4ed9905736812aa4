package io.iotsim.cluster.fleet;

import static io.iotsim.cluster.fleet.FaultsOnNodeTest.START;
import static io.iotsim.cluster.fleet.FaultsOnNodeTest.sensorReadings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.generator.FieldGenerator;
import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.core.selector.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One device failing, refused or leaving never stops the fleet: the watermark reaches the end of
 * the run, and every other device's readings are in the jsonl output.
 */
class DeviceFailureTest {

  static final DeviceProfile SENSOR = FaultsOnNodeTest.SENSOR;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A generator that throws on a device's third reading: a bug in one device's model. */
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

  static {
    // Batches go to the replicated registry, which serializes their profiles: boom needs a tree
    // form like every generator.
    io.iotsim.core.generator.GeneratorTypes.register(
        new io.iotsim.core.generator.GeneratorType() {
          @Override
          public String name() {
            return "boom";
          }

          @Override
          public List<String> parameters() {
            return List.of();
          }

          @Override
          public GeneratorSpec read(io.iotsim.core.generator.GeneratorParams params) {
            return new Boom();
          }

          @Override
          public void write(
              GeneratorSpec spec, com.fasterxml.jackson.databind.node.ObjectNode into) {}
        });
  }

  record Run(Map<String, Integer> perDevice, List<LifecycleEvent> events, SimNodeView after) {}

  /** What the node looked like at the end of the run. */
  record SimNodeView(Set<String> directory) {}

  /**
   * 20 sensors (and whatever {@code spawn} adds) from START for 120 s at max speed; {@code step}
   * runs at START+30 s behind a barrier. Completes only if the watermark reaches the end.
   */
  private Run run(String name, Consumer<SimNode> spawn, Consumer<SimNode> step) throws Exception {
    Path out = dir.resolve(name);
    List<LifecycleEvent> events = Collections.synchronizedList(new ArrayList<>());
    Set<String> ids;
    try (SimNode node =
        TestNodes.start(
            false,
            Map.of(
                "iot-sim.node.speed", "max",
                "iot-sim.node.sim-start", "2026-01-01T00:00:00Z",
                "iot-sim.node.output", "jsonl:" + out,
                "iot-sim.node.master-seed", 7,
                // the test generator has no wire form; this node never sends a profile anywhere
                "pekko.actor.serialize-messages", "off"))) {
      node.fleet()
          .events(Selector.all(), Set.of())
          .source()
          .runWith(Sink.foreach(events::add), node.system());
      TickScheduler<?> scheduler = node.scheduler();
      TickScheduler.Barrier atStart = scheduler.holdAt(START);
      TickScheduler.Barrier atStep = scheduler.holdAt(START + 30_000);
      scheduler.holdAt(START + 120_000);
      node.fleet()
          .spawnAt(SENSOR, 20, Map.of(), START)
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      spawn.accept(node);
      node.clock().restartAt(START);
      atStart.release();
      scheduler.whenWatermarkReaches(START + 30_000).get(30, TimeUnit.SECONDS);
      step.accept(node);
      atStep.release();
      scheduler.whenWatermarkReaches(START + 120_000).get(30, TimeUnit.SECONDS);
      ids = new java.util.TreeSet<>();
      node.fleet().ids(Selector.all()).forEach(ids::add);
    }
    Map<String, Integer> perDevice = new TreeMap<>();
    for (String l : Files.readAllLines(out)) {
      perDevice.merge(JSON.readTree(l).get("device_id").asText(), 1, Integer::sum);
    }
    return new Run(perDevice, List.copyOf(events), new SimNodeView(ids));
  }

  private static void assertEverySensorComplete(Run r, int first, int last) {
    for (int i = first; i <= last; i++) {
      String id = String.format("temperature_sensor-%06d", i);
      assertThat(r.perDevice().get(id))
          .as(id)
          .isEqualTo((int) sensorReadings(id, START, START + 120_000));
    }
  }

  @Test
  void anUpdateRemovingALabelTheTopicNeedsIsRefusedAndNothingStops() throws Exception {
    DeviceProfile sited =
        ProfileLoader.parse(
            "type: sited\nprotocol: console\ntopic_template: 'site/{label.site}/{device_id}'\n"
                + "telemetry_interval: 5s\nlabels: {site: a}\ntelemetry_fields:\n  t: {type: gaussian, mean: 1, stddev: 0}\n",
            "test");
    IllegalArgumentException[] refused = new IllegalArgumentException[1];
    Run r =
        run(
            "label.jsonl",
            node -> join(node.fleet().spawnAt(sited, 5, Map.of(), START)),
            node ->
                refused[0] =
                    catchThrowableOfType(
                        () ->
                            node.fleet()
                                .update(
                                    Selector.all(),
                                    BehaviourUpdate.of(
                                        null, null, Map.of(), List.of("site"), START + 30_000)),
                        IllegalArgumentException.class));
    assertThat(refused[0])
        .hasMessageContaining("remove_labels")
        .hasMessageContaining("'site'")
        .hasMessageContaining("'sited'");
    assertThat(r.events())
        .noneMatch(e -> e.type() == EventType.BEHAVIOUR_UPDATED || e.type() == EventType.ERROR);
    assertEverySensorComplete(r, 1, 20);
    for (int i = 1; i <= 5; i++) {
      assertThat(r.perDevice().get(String.format("sited-%06d", i))).isEqualTo(24);
    }
  }

  @Test
  void anUpdateNamingAFieldTheProfileDoesNotHaveIsRefused() throws Exception {
    IllegalArgumentException[] refused = new IllegalArgumentException[1];
    Run r =
        run(
            "field.jsonl",
            node -> {},
            node ->
                refused[0] =
                    catchThrowableOfType(
                        () ->
                            node.fleet()
                                .update(
                                    Selector.all(),
                                    BehaviourUpdate.of(
                                        null,
                                        JSON.readTree(
                                            "{\"nonexistent\": {\"type\": \"gaussian\", \"mean\": 1, \"stddev\": 0}}"),
                                        Map.of(),
                                        List.of(),
                                        START + 30_000)),
                        IllegalArgumentException.class));
    assertThat(refused[0])
        .hasMessageStartingWith("telemetry_fields.nonexistent: ")
        .hasMessageContaining("'temperature_sensor'");
    assertEverySensorComplete(r, 1, 20);
  }

  @Test
  void aDeviceWhoseGeneratorThrowsGoesToErrorAndTheRestKeepTheirRate() throws Exception {
    DeviceProfile boom =
        new DeviceProfile(
            "boom",
            "console",
            "b/{device_id}",
            java.time.Duration.ofSeconds(5),
            List.of(new FieldSpec("x", new Boom(), 1)),
            Map.of(),
            0,
            io.iotsim.core.profile.Backpressure.DROP_OLDEST,
            io.iotsim.core.profile.ConnectionMode.POOLED,
            Map.of());
    Run r =
        run("boom.jsonl", node -> join(node.fleet().spawnAt(boom, 1, Map.of(), START)), node -> {});
    assertEverySensorComplete(r, 1, 20);
    // two readings went out before the third threw; none after
    assertThat(r.perDevice().get("boom-000001")).isEqualTo(2);
    assertThat(r.events())
        .filteredOn(e -> e.type() == EventType.ERROR)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.deviceId()).isEqualTo("boom-000001");
              assertThat(e.message()).contains("boom at reading 3");
              assertThat(e.metadata()).containsEntry("error_type", "IllegalStateException");
            });
    assertThat(r.after().directory()).doesNotContain("boom-000001").hasSize(20);
  }

  @Test
  void aPassivatedDeviceLeavesTheWheelAndTheWatermarkKeepsMoving() throws Exception {
    Run r =
        run(
            "passivate.jsonl",
            node -> {},
            node ->
                node.directory()
                    .get("temperature_sensor-000003")
                    .orElseThrow()
                    .ref()
                    .tell(DeviceActor.Passivate.INSTANCE));
    assertEverySensorComplete(r, 1, 2);
    assertEverySensorComplete(r, 4, 20);
    assertThat(r.perDevice().get("temperature_sensor-000003"))
        .isEqualTo((int) sensorReadings("temperature_sensor-000003", START, START + 30_000));
    assertThat(r.after().directory()).doesNotContain("temperature_sensor-000003").hasSize(19);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
