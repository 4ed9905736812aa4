package io.iotsim.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.proto.simulator.v1.SpawnDevicesResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The node's memory of spawn request ids: once per id, joined while running, bounded, timed. */
class SpawnMemoryTest {

  final AtomicLong now = new AtomicLong();
  final AtomicInteger spawns = new AtomicInteger();

  Supplier<CompletionStage<SpawnDevicesResponse>> spawn(CompletableFuture<Void> gate) {
    return () -> {
      int n = spawns.incrementAndGet();
      return gate.thenApply(x -> SpawnDevicesResponse.newBuilder().setFirstIndex(n).build());
    };
  }

  @Test
  void aRepeatGetsTheFirstAnswerAndARepeatWhileRunningJoinsIt() {
    SpawnMemory m = new SpawnMemory(10, Duration.ofMinutes(1), now::get);
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<SpawnDevicesResponse> first = m.once("a", spawn(gate)).toCompletableFuture();
    CompletableFuture<SpawnDevicesResponse> joined = m.once("a", spawn(gate)).toCompletableFuture();
    assertThat(joined).isNotDone();
    gate.complete(null);
    assertThat(first.join()).isEqualTo(joined.join());
    assertThat(m.once("a", spawn(gate)).toCompletableFuture().join().getFirstIndex()).isEqualTo(1);
    assertThat(spawns).hasValue(1);
    assertThat(m.once("", spawn(gate)).toCompletableFuture().join().getFirstIndex()).isEqualTo(2);
    assertThat(m.once("", spawn(gate)).toCompletableFuture().join().getFirstIndex()).isEqualTo(3);
  }

  @Test
  void aFailedSpawnIsForgottenSoItsRetryRunsAgain() {
    SpawnMemory m = new SpawnMemory(10, Duration.ofMinutes(1), now::get);
    CompletableFuture<Void> failing =
        CompletableFuture.failedFuture(new IllegalStateException("x"));
    assertThat(m.once("b", spawn(failing)).toCompletableFuture()).isCompletedExceptionally();
    assertThat(m.size()).isZero();
    assertThat(m.once("b", spawn(CompletableFuture.completedFuture(null))).toCompletableFuture())
        .isCompleted();
    assertThat(spawns).hasValue(2);
  }

  @Test
  void boundedInSizeAndInTime() {
    SpawnMemory m = new SpawnMemory(2, Duration.ofSeconds(10), now::get);
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    m.once("1", spawn(done));
    m.once("2", spawn(done));
    m.once("3", spawn(done));
    assertThat(m.size()).isEqualTo(2);
    m.once("1", spawn(done)); // evicted: spawns again
    assertThat(spawns).hasValue(4);
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    m.once("3", spawn(done)); // expired: spawns again
    assertThat(spawns).hasValue(5);
    assertThat(m.size()).isEqualTo(1);
  }
}
