package io.iotsim.cluster.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.core.seed.Seeds;
import io.iotsim.core.selector.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults and live updates on a real node at max speed, applied at exact simulated times behind
 * barriers (as scenario steps are): their windows, stacking and clearing show in the jsonl output
 * and the event feed.
 */
class FaultsOnNodeTest {

  static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final DeviceProfile SENSOR =
      ProfileLoader.load(Path.of("../profiles/temperature_sensor.yaml"));
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Runs two batches of 20 sensors for {@code span}, applying {@code step} at START+{@code at}. */
  private Run run(String name, long at, long span, Consumer<Fleet> step) throws Exception {
    Path out = dir.resolve(name);
    List<LifecycleEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (SimNode node =
        TestNodes.start(
            false,
            Map.of(
                "iot-sim.node.speed",
                "max",
                "iot-sim.node.sim-start",
                "2026-01-01T00:00:00Z",
                "iot-sim.node.output",
                "jsonl:" + out,
                "iot-sim.node.master-seed",
                7))) {
      node.fleet()
          .events(Selector.all(), Set.of())
          .source()
          .runWith(Sink.foreach(events::add), node.system());
      TickScheduler<?> scheduler = node.scheduler();
      TickScheduler.Barrier atStart = scheduler.holdAt(START);
      TickScheduler.Barrier atStep = scheduler.holdAt(START + at);
      scheduler.holdAt(START + span);
      node.fleet()
          .spawnAt(SENSOR, 20, Map.of("batch", "0"), START)
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      node.fleet()
          .spawnAt(SENSOR, 20, Map.of("batch", "1"), START)
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      node.clock().restartAt(START);
      atStart.release();
      scheduler.whenWatermarkReaches(START + at).get(30, TimeUnit.SECONDS);
      step.accept(node.fleet());
      atStep.release();
      scheduler.whenWatermarkReaches(START + span).get(30, TimeUnit.SECONDS);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out)) {
      lines.add(JSON.readTree(l));
    }
    return new Run(out, lines, List.copyOf(events));
  }

  record Run(Path file, List<JsonNode> lines, List<LifecycleEvent> events) {
    Set<String> keys() {
      Set<String> keys = new TreeSet<>();
      lines.forEach(n -> keys.add(n.get("device_id").asText() + "@" + n.get("timestamp").asText()));
      return keys;
    }
  }

  static long sensorReadings(String id, long from, long to) {
    long interval = SENSOR.telemetryInterval().toMillis();
    long t = START + Seeds.phaseMillis(Seeds.deviceSeed(7, id), interval);
    long n = 0;
    for (; t < to; t += interval) {
      if (t >= from) {
        n++;
      }
    }
    return n;
  }

  @Test
  void disconnectRemovesExactlyTheSelectedDevicesReadingsInItsWindow() throws Exception {
    Run plain = run("plain.jsonl", 30_000, 120_000, f -> {});
    Run cut =
        run(
            "cut.jsonl",
            30_000,
            120_000,
            f ->
                join(
                    f.injectFault(
                        Selector.parse("batch=0"),
                        FaultType.DISCONNECT,
                        START + 30_000,
                        Duration.ofSeconds(60),
                        Map.of())));
    Set<String> missing = new TreeSet<>(plain.keys());
    missing.removeAll(cut.keys());
    long expected = 0;
    for (int i = 1; i <= 20; i++) {
      expected +=
          sensorReadings(
              String.format("temperature_sensor-%06d", i), START + 30_000, START + 90_000);
    }
    assertThat(missing).hasSize((int) expected);
    for (String key : missing) {
      String id = key.substring(0, key.indexOf('@'));
      long t = Instant.parse(key.substring(key.indexOf('@') + 1)).toEpochMilli();
      assertThat(Integer.parseInt(id.substring(id.length() - 6))).isBetween(1, 20);
      assertThat(t).isBetween(START + 30_000, START + 89_999);
    }
    assertThat(cut.keys()).isSubsetOf(plain.keys());
  }

  @Test
  void faultsClearThemselvesAtTheEndOfTheirWindowWithAnEvent() throws Exception {
    Run r =
        run(
            "clear.jsonl",
            10_000,
            60_000,
            f -> {
              join(
                  f.injectFault(
                      Selector.parse("device_id=temperature_sensor-000001"),
                      FaultType.DISCONNECT,
                      START + 10_000,
                      Duration.ofSeconds(20),
                      Map.of()));
              join(
                  f.injectFault(
                      Selector.parse("device_id=temperature_sensor-000001"),
                      FaultType.CLOCK_DRIFT,
                      START + 10_000,
                      Duration.ofSeconds(40),
                      Map.of("drift_rate_ms_per_sec", 100)));
            });
    List<LifecycleEvent> faults =
        r.events().stream()
            .filter(
                e -> e.type() == EventType.FAULT_INJECTED || e.type() == EventType.FAULT_CLEARED)
            .toList();
    assertThat(faults)
        .extracting(
            e ->
                e.eventName() + " " + e.metadata().get("fault") + " " + (e.simTimeMillis() - START))
        .containsExactly(
            "fault_injected DISCONNECT 10000",
            "fault_injected CLOCK_DRIFT 10000",
            "fault_cleared DISCONNECT 30000",
            "fault_cleared CLOCK_DRIFT 50000");
    // device 1 is silent in [10 s, 30 s), then drifts (ts ahead of its schedule) until 50 s
    long phase = Seeds.phaseMillis(Seeds.deviceSeed(7, "temperature_sensor-000001"), 5_000);
    List<Long> offsets = new ArrayList<>();
    for (JsonNode n : r.lines()) {
      if (n.get("device_id").asText().equals("temperature_sensor-000001")) {
        offsets.add(Instant.parse(n.get("timestamp").asText()).toEpochMilli() - START);
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long t = phase; t < 60_000; t += 5_000) {
      if (t < 10_000 || t >= 50_000) {
        expected.add(t);
      } else if (t >= 30_000) {
        expected.add(t + Math.round((t - 10_000) * 100 / 1000.0));
      }
    }
    assertThat(offsets).containsExactlyElementsOf(expected);
  }

  @Test
  void aLatencySpikeLeavesTheOrderedOutputUnchanged() throws Exception {
    Run plain = run("a.jsonl", 10_000, 40_000, f -> {});
    Run slow =
        run(
            "b.jsonl",
            10_000,
            40_000,
            f ->
                join(
                    f.injectFault(
                        Selector.parse("batch=1"),
                        FaultType.LATENCY_SPIKE,
                        START + 10_000,
                        Duration.ofSeconds(10),
                        Map.of("latency_ms", 20))));
    assertThat(Files.readAllBytes(slow.file())).isEqualTo(Files.readAllBytes(plain.file()));
  }

  @Test
  void anUpdateChangesIntervalAndLabelsFromItsSimulatedTime() throws Exception {
    Run r =
        run(
            "update.jsonl",
            20_000,
            60_000,
            f ->
                join(
                    f.update(
                        Selector.parse("batch=1"),
                        BehaviourUpdate.of(
                            Duration.ofSeconds(10),
                            null,
                            Map.of("firmware", "2.0.0"),
                            List.of("category"),
                            START + 20_000))));
    for (JsonNode n : r.lines()) {
      long t = Instant.parse(n.get("timestamp").asText()).toEpochMilli() - START;
      int index = Integer.parseInt(n.get("device_id").asText().substring(19));
      boolean updated = index > 20 && t >= 20_000;
      assertThat(n.get("labels").get("firmware").asText())
          .as(n.toString())
          .isEqualTo(updated ? "2.0.0" : "1.2.0");
      assertThat(n.get("labels").has("category")).isEqualTo(!updated);
    }
    long perUpdated =
        r.lines().stream().filter(n -> n.get("device_id").asText().endsWith("000021")).count();
    long phase = Seeds.phaseMillis(Seeds.deviceSeed(7, "temperature_sensor-000021"), 5_000);
    long before = 0;
    long last = 0;
    for (long t = phase; t < 20_000; t += 5_000) {
      before++;
      last = t;
    }
    long after = 0;
    for (long t = Math.max(last + 10_000, 20_000); t < 60_000; t += 10_000) {
      after++;
    }
    assertThat(perUpdated).isEqualTo(before + after);
    assertThat(r.events())
        .anyMatch(
            e ->
                e.type() == EventType.BEHAVIOUR_UPDATED
                    && e.deviceId().equals("temperature_sensor-000021"));
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
