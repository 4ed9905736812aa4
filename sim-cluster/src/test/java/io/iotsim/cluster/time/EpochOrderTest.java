package io.iotsim.cluster.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.junit.jupiter.api.Test;

/** Which clock epoch the cluster keeps when replicas disagree. */
class EpochOrderTest {

  private static final UniqueAddress A =
      new UniqueAddress(new Address("pekko", "iot-sim", "127.0.0.1", 1), 1L);
  private static final UniqueAddress B =
      new UniqueAddress(new Address("pekko", "iot-sim", "127.0.0.1", 2), 2L);

  private static LWWRegister<ClockEpoch> register(UniqueAddress node, ClockEpoch e) {
    return new LWWRegister<>(node, e, EpochOrder.rank(e));
  }

  @Test
  void amongFirstEpochsTheOldestWinsWhicheverSideMerges() {
    ClockEpoch first = new ClockEpoch(0, 1_764_000_000_000L, 1.0, 11, 0);
    ClockEpoch late = new ClockEpoch(5_000, 1_764_000_005_000L, 1.0, 22, 0);
    assertThat(register(A, first).merge(register(B, late)).value()).isEqualTo(first);
    assertThat(register(B, late).merge(register(A, first)).value()).isEqualTo(first);
  }

  @Test
  void aSpeedChangeReplacesTheEpochItFollows() {
    ClockEpoch first = new ClockEpoch(0, 1_764_000_000_000L, 1.0, 11, 0);
    ClockEpoch faster = first.withSpeed(60_000, 1_764_000_060_000L, 4.0);
    assertThat(faster.generation()).isEqualTo(1);
    assertThat(faster.masterSeed()).isEqualTo(11);
    assertThat(register(A, first).merge(register(B, faster)).value()).isEqualTo(faster);
    assertThat(register(B, faster).merge(register(A, first)).value()).isEqualTo(faster);
  }

  @Test
  void theRegistersClockRanksByTheEpochNotByTheWallClockOfTheWrite() {
    ClockEpoch e = new ClockEpoch(0, 1_764_000_000_000L, 1.0, 11, 2);
    assertThat(EpochOrder.INSTANCE.apply(Long.MAX_VALUE - 1, e)).isEqualTo(EpochOrder.rank(e));
  }
}
