package io.iotsim.cluster.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceRecovery;
import io.iotsim.core.device.SpawnBatch;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a device recreated on another node rebuilds from its batch and the operation log. */
class RegistryStateTest {

  static final DeviceProfile PROFILE =
      ProfileLoader.parse(
          "type: t\nprotocol: mqtt\ntelemetry_fields: {v: {type: gaussian, mean: 0, stddev: 1}}\n",
          "test");

  static final SpawnBatch FIRST = new SpawnBatch("b1", "t", 1, 10, PROFILE, Map.of(), 7, 1_000);
  static final SpawnBatch SECOND =
      new SpawnBatch("b2", "t", 11, 5, PROFILE, Map.of("zone", "a"), 7, 5_000);

  static RegistryState state(LoggedOp... ops) {
    return new RegistryState(List.of(FIRST, SECOND), List.of(ops));
  }

  @Test
  void batchesAreIdRangesAndTheNextIndexFollowsTheLast() {
    RegistryState s = state();
    assertThat(s.batchOf("t-000003")).contains(FIRST);
    assertThat(s.batchOf("t-000015")).contains(SECOND);
    assertThat(s.batchOf("t-000016")).isEmpty();
    assertThat(s.batchOf("other-000001")).isEmpty();
    assertThat(s.nextIndex("t")).isEqualTo(16);
    assertThat(s.nextIndex("new")).isEqualTo(1);
  }

  @Test
  void aDeviceWithoutEntriesIsItsBatch() {
    assertThat(state().recovery("t-000002", 9_000)).contains(DeviceRecovery.of(FIRST));
  }

  @Test
  void pauseAndResumeApplyInSimulatedTimeOrder() {
    Selector one = Selector.parse("device_id=t-000002");
    RegistryState s =
        state(
            new LoggedOp("x2", LoggedOp.Kind.RESUME, one.toString(), 3_000, null, null),
            new LoggedOp("x1", LoggedOp.Kind.PAUSE, one.toString(), 2_000, null, null));
    assertThat(s.recovery("t-000002", 9_000).orElseThrow().paused()).isFalse();
    RegistryState paused = state(LoggedOp.of(LoggedOp.Kind.PAUSE, one, 2_000));
    assertThat(paused.recovery("t-000002", 9_000).orElseThrow().paused()).isTrue();
    assertThat(paused.recovery("t-000003", 9_000).orElseThrow().paused()).isFalse();
  }

  @Test
  void aStopIsATombstoneButOnlyForDevicesThatExistedThen() {
    RegistryState s = state(LoggedOp.of(LoggedOp.Kind.STOP, Selector.all(), 3_000));
    assertThat(s.recovery("t-000002", 9_000)).isEmpty();
    assertThat(s.tombstoned("t-000002")).isTrue();
    // the second batch was spawned after the stop
    assertThat(s.recovery("t-000012", 9_000)).isPresent();
    assertThat(s.tombstoned("t-000012")).isFalse();
  }

  @Test
  void faultsKeepTheirWindowAndEndedOnesAreLeftOut() {
    FaultSpec running = FaultSpec.of(FaultType.DISCONNECT, 6_000, Duration.ofSeconds(10), Map.of());
    FaultSpec ended = FaultSpec.of(FaultType.DISCONNECT, 2_000, Duration.ofSeconds(1), Map.of());
    RegistryState s =
        state(
            LoggedOp.fault(Selector.parse("zone=a"), running, 6_000),
            LoggedOp.fault(Selector.all(), ended, 2_000));
    assertThat(s.recovery("t-000012", 9_000).orElseThrow().faults()).containsExactly(running);
    assertThat(s.recovery("t-000002", 9_000).orElseThrow().faults()).isEmpty();
  }

  @Test
  void labelsSetByAnUpdateCountForLaterSelectors() {
    BehaviourUpdate relabel =
        BehaviourUpdate.build(null, null, Map.of("zone", "b"), List.of(), 2_000);
    RegistryState s =
        state(
            LoggedOp.update(Selector.parse("device_id=t-000001"), relabel, 2_000),
            LoggedOp.of(LoggedOp.Kind.STOP, Selector.parse("zone=b"), 3_000));
    assertThat(s.recovery("t-000001", 9_000)).isEmpty();
    assertThat(s.recovery("t-000002", 9_000)).isPresent();
  }
}
