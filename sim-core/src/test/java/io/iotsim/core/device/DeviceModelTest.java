package io.iotsim.core.device;

import static io.iotsim.core.device.FakeNode.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.seed.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device model alone: what it emits, and what faults, updates and backpressure do to it. */
class DeviceModelTest {

  static final DeviceProfile SENSOR =
      ProfileLoader.load(Path.of("../profiles/temperature_sensor.yaml"));
  static final String ID = "temperature_sensor-000001";
  static final long INTERVAL = SENSOR.telemetryInterval().toMillis();
  static final long PHASE = Seeds.phaseMillis(Seeds.deviceSeed(FakeNode.MASTER_SEED, ID), INTERVAL);
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void startingJoinsTheDirectoryAndTheWheelAtItsPhase() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    assertThat(h.model.state()).isEqualTo(Lifecycle.RUNNING);
    assertThat(h.node.directory.get(ID)).isPresent();
    assertThat(h.schedules)
        .singleElement()
        .satisfies(s -> assertThat(s).containsExactly(START + PHASE, INTERVAL));
    assertThat(h.node.events)
        .extracting(LifecycleEvent::type)
        .containsExactly(EventType.SPAWNED, EventType.STARTED);
  }

  @Test
  void aWindowEmitsEveryReadingDueBeforeItsEndAndCompletes() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    assertThat(h.advanceTo(START + PHASE + 3 * INTERVAL)).isTrue();
    assertThat(h.node.payloads()).hasSize(3);
    assertThat(h.model.emitted()).isEqualTo(3);
    assertThat(h.model.nextDueMillis()).isEqualTo(START + PHASE + 3 * INTERVAL);
    assertThat(h.node.topics).containsOnly("devices/" + ID + "/telemetry");
  }

  @Test
  void pausedSlotsPassWithoutReadingsAndResumeKeepsTheSchedule() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    assertThat(h.model.pause()).isTrue();
    assertThat(h.model.pause()).isFalse();
    h.advanceTo(START + PHASE + 2 * INTERVAL);
    assertThat(h.node.payloads()).isEmpty();
    assertThat(h.model.resume()).isTrue();
    h.advanceTo(START + PHASE + 4 * INTERVAL);
    assertThat(h.node.payloads()).hasSize(2);
    assertThat(h.model.nextDueMillis()).isEqualTo(START + PHASE + 4 * INTERVAL);
  }

  @Test
  void anUpdateChangesIntervalFieldsAndLabelsAndTheDetailShowsThem() throws Exception {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    h.advanceTo(START + PHASE + 1);
    BehaviourUpdate u =
        BehaviourUpdate.of(
            Duration.ofSeconds(1),
            JSON.readTree("{\"humidity\": {\"type\": \"static\", \"value\": 7}}"),
            Map.of("site", "b"),
            List.of("firmware"),
            START + PHASE + 1);
    assertThat(h.model.update(u, h)).isTrue();
    assertThat(h.model.intervalMillis()).isEqualTo(1_000);
    assertThat(h.schedules.get(h.schedules.size() - 1))
        .containsExactly(START + PHASE + 1_000, 1_000);
    DeviceDetail d = h.model.detail();
    assertThat(d.intervalMillis()).isEqualTo(1_000);
    assertThat(d.profile().telemetryInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.profile().fields().get(1).generator().type()).isEqualTo("static");
    assertThat(d.labels()).containsEntry("site", "b").doesNotContainKey("firmware");
    assertThat(d.profile().labels()).isEqualTo(d.labels());
    h.advanceTo(START + PHASE + 1_001);
    assertThat(JSON.readTree(h.node.payloads().get(1)).at("/fields/humidity").asDouble())
        .isEqualTo(7);
    assertThat(h.node.events)
        .extracting(LifecycleEvent::type)
        .contains(EventType.BEHAVIOUR_UPDATED);
  }

  /** The fields' state is one array: a replaced field is laid out anew, the others carried. */
  @Test
  void replacingAFieldLeavesTheOtherFieldsStreamsWhereTheyWere() throws Exception {
    ModelHarness plain = new ModelHarness(SENSOR, ID);
    ModelHarness updated = new ModelHarness(SENSOR, ID);
    long at = START + PHASE + 3 * INTERVAL;
    plain.advanceTo(at);
    updated.advanceTo(at);
    BehaviourUpdate u =
        BehaviourUpdate.of(
            null,
            JSON.readTree("{\"humidity\": {\"type\": \"gaussian\", \"mean\": 7, \"stddev\": 1}}"),
            Map.of(),
            List.of(),
            at);
    assertThat(updated.model.update(u, updated)).isTrue();
    plain.advanceTo(at + 20 * INTERVAL);
    updated.advanceTo(at + 20 * INTERVAL);
    assertThat(plain.node.payloads()).hasSize(23);
    assertThat(updated.node.payloads()).hasSize(23);
    for (int i = 0; i < 23; i++) {
      JsonNode before = JSON.readTree(plain.node.payloads().get(i)).get("fields");
      JsonNode after = JSON.readTree(updated.node.payloads().get(i)).get("fields");
      assertThat(after.get("temperature")).isEqualTo(before.get("temperature"));
      assertThat(after.get("battery")).isEqualTo(before.get("battery"));
      if (i < 3) {
        assertThat(after.get("humidity")).isEqualTo(before.get("humidity"));
      } else {
        assertThat(after.get("humidity").asDouble()).isBetween(7 - 6.0, 7 + 6.0);
      }
    }
  }

  @Test
  void devicesOfABatchShareTheProfileAnUpdateGivesThem() throws Exception {
    ModelHarness a = new ModelHarness(SENSOR, ID);
    ModelHarness b = new ModelHarness(a, "temperature_sensor-000002");
    BehaviourUpdate u =
        BehaviourUpdate.of(
            null,
            JSON.readTree("{\"humidity\": {\"type\": \"static\", \"value\": 7}}"),
            Map.of(),
            List.of(),
            START);
    assertThat(a.model.update(u, a)).isTrue();
    assertThat(b.model.update(u, b)).isTrue();
    assertThat(a.model.detail().profile().fields()).isSameAs(b.model.detail().profile().fields());
  }

  @Test
  void theSameUpdateAgainChangesNothing() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    BehaviourUpdate u = BehaviourUpdate.of(Duration.ofSeconds(5), null, Map.of(), List.of(), START);
    assertThat(h.model.update(u, h)).isFalse();
  }

  @Test
  void aLatencySpikeHoldsTheWindowUntilItsDelayedPublishIsOut() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    FaultSpec spike =
        FaultSpec.of(
            FaultType.LATENCY_SPIKE, START, Duration.ofMinutes(1), Map.of("latency_ms", 200));
    assertThat(h.model.injectFault(spike, h)).isTrue();
    assertThat(h.advanceTo(START + PHASE + 1))
        .as("window completes before its delayed publish")
        .isFalse();
    assertThat(h.node.payloads()).isEmpty();
    assertThat(h.delayed).hasSize(1);
    assertThat(h.model.outstanding()).isEqualTo(1);
    h.model.publishDelayed(h.delayed.get(0));
    assertThat(h.node.payloads()).hasSize(1);
    assertThat(h.model.outstanding()).isZero();
  }

  @Test
  void slowDownDoublesTheIntervalWhenTheQueueFillsAndRestoresIt() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    h.node.clock.changeSpeed(1.0); // slow_down acts at real speed only
    h.node.queueFill = 0.9;
    h.advanceTo(START + PHASE + 1);
    assertThat(h.model.intervalMillis()).isEqualTo(2 * INTERVAL);
    assertThat(h.model.detail().profile().telemetryInterval().toMillis()).isEqualTo(INTERVAL);
    h.node.queueFill = 0.1;
    h.advanceTo(START + PHASE + 2 * INTERVAL + 1);
    assertThat(h.model.intervalMillis()).isEqualTo(INTERVAL);
    assertThat(h.node.events)
        .filteredOn(e -> e.type() == EventType.BACKPRESSURE_SLOWDOWN)
        .hasSize(2);
  }

  @Test
  void atMaxSpeedSlowDownStretchesNoInterval() {
    // At speed max the scheduler waits for the publishers: a longer interval would change which
    // readings exist.
    ModelHarness h = new ModelHarness(SENSOR, ID);
    h.node.queueFill = 0.9;
    h.advanceTo(START + PHASE + 3 * INTERVAL + 1);
    assertThat(h.model.intervalMillis()).isEqualTo(INTERVAL);
    assertThat(h.node.payloads()).hasSize(4);
    assertThat(h.node.events)
        .filteredOn(e -> e.type() == EventType.BACKPRESSURE_SLOWDOWN)
        .isEmpty();
  }

  @Test
  void failingLeavesTheWheelAndTheDirectoryAndSaysWhy() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    h.model.fail(new IllegalStateException("disk on fire"), h);
    assertThat(h.model.state()).isEqualTo(Lifecycle.ERROR);
    assertThat(h.left).isTrue();
    assertThat(h.node.directory.get(ID)).isEmpty();
    LifecycleEvent e = h.node.events.get(h.node.events.size() - 1);
    assertThat(e.type()).isEqualTo(EventType.ERROR);
    assertThat(e.message()).contains("disk on fire");
    // what comes after is refused, and windows still told complete without readings
    assertThat(h.model.pause()).isFalse();
    assertThat(h.advanceTo(START + PHASE + INTERVAL)).isTrue();
    assertThat(h.node.payloads()).isEmpty();
  }

  @Test
  void aLabelTheTopicNeedsCannotGoEvenIfAskedDirectly() {
    DeviceProfile sited =
        ProfileLoader.parse(
            "type: sited\ntopic_template: 's/{label.site}'\nlabels: {site: a}\n"
                + "telemetry_fields:\n  t: {type: gaussian, mean: 1, stddev: 0}\n",
            "test");
    BehaviourUpdate remove = BehaviourUpdate.of(null, null, Map.of(), List.of("site"), START);
    assertThatThrownBy(() -> remove.checkAgainst(List.of(sited)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'site'")
        .hasMessageContaining("'sited'");
    // unchecked, the model throws rather than run without a topic; its actor turns that into ERROR
    ModelHarness h = new ModelHarness(sited, "sited-000001");
    assertThatThrownBy(() -> h.model.update(remove, h)).hasMessageContaining("needs label 'site'");
  }

  @Test
  void stopLeavesOnce() {
    ModelHarness h = new ModelHarness(SENSOR, ID);
    assertThat(h.model.stop(h)).isTrue();
    assertThat(h.model.stop(h)).isFalse();
    assertThat(h.left).isTrue();
    assertThat(h.model.state()).isEqualTo(Lifecycle.STOPPED);
  }

  @Test
  void aHandedOffDeviceContinuesAtItsResumePointAndCatchesUpWhatFellDueWhileItMoved()
      throws Exception {
    ModelHarness old = new ModelHarness(SENSOR, ID);
    old.advanceTo(START + PHASE + 3 * INTERVAL);
    ResumePoint at = old.model.resumePoint();
    assertThat(at).isEqualTo(new ResumePoint(START + PHASE + 3 * INTERVAL, 3));
    old.model.passivate(old);

    ModelHarness next = ModelHarness.handedOff(SENSOR, ID, at);
    assertThat(next.model.state()).isEqualTo(Lifecycle.RUNNING);
    assertThat(next.schedules.get(next.schedules.size() - 1))
        .containsExactly(at.nextDueMillis(), INTERVAL);
    // the first window on the new node comes three slots later: all three go out in it
    next.advanceTo(START + PHASE + 6 * INTERVAL);
    assertThat(next.model.resumePoint())
        .isEqualTo(new ResumePoint(START + PHASE + 6 * INTERVAL, 6));

    List<Long> stamps = new java.util.ArrayList<>(timestamps(old));
    stamps.addAll(timestamps(next));
    assertThat(stamps)
        .containsExactly(
            START + PHASE,
            START + PHASE + INTERVAL,
            START + PHASE + 2 * INTERVAL,
            START + PHASE + 3 * INTERVAL,
            START + PHASE + 4 * INTERVAL,
            START + PHASE + 5 * INTERVAL);
  }

  private static List<Long> timestamps(ModelHarness h) throws Exception {
    List<Long> out = new java.util.ArrayList<>();
    for (String p : h.node.payloads()) {
      out.add(java.time.Instant.parse(JSON.readTree(p).get("timestamp").asText()).toEpochMilli());
    }
    return out;
  }
}
