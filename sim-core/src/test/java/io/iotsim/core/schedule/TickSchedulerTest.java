package io.iotsim.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.clock.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The timing wheel: what it releases, when, and what holds it back. */
class TickSchedulerTest {

  static final ActorTestKit testKit = ActorTestKit.create();
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  sealed interface Msg permits Tick, Gone {}

  record Tick(TickWindow window)
      implements Msg, org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  record Gone() implements Msg {}

  static final Gone GONE = new Gone();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static TickScheduler<Msg> scheduler(SimClock clock, List<Long> watermarks) {
    return new TickScheduler<Msg>(
        clock, Tick::new, GONE, watermarks::add, TickScheduler.Settings.defaults());
  }

  /**
   * Registers at the start while time is held there, as spawns do: otherwise time may already have
   * moved on at max speed and the registration would be late.
   */
  private static void atStart(TickScheduler<Msg> s, Runnable registrations) {
    TickScheduler.Barrier start = s.holdAt(START.toEpochMilli());
    s.start();
    registrations.run();
    start.release();
  }

  /** Acknowledges every window and returns the readings' due times it was told about. */
  private static List<Long> dueTimes(
      TestProbe<Msg> probe, long interval, long firstDue, long until) {
    List<Long> due = new ArrayList<>();
    long next = firstDue;
    while (next < until) {
      Tick t = (Tick) probe.expectMessageClass(Tick.class, Duration.ofSeconds(5));
      while (next < t.window().endMillis()) {
        assertThat(next).isGreaterThanOrEqualTo(t.window().startMillis());
        due.add(next);
        next += interval;
      }
      t.window().arrive();
    }
    return due;
  }

  @Test
  void atMaxSpeedReleasesEveryDueReadingUpToTheBarrier() throws Exception {
    SimClock clock = SimClock.maxSpeed(START);
    List<Long> watermarks = new CopyOnWriteArrayList<>();
    try (TickScheduler<Msg> s = scheduler(clock, watermarks)) {
      long t0 = START.toEpochMilli();
      TickScheduler.Barrier end = s.holdAt(t0 + 60_000);
      TestProbe<Msg> a = testKit.createTestProbe();
      TestProbe<Msg> b = testKit.createTestProbe();
      atStart(
          s,
          () -> {
            s.register(a.getRef(), t0 + 1_234, 5_000);
            s.register(b.getRef(), t0 + 10, 1_000);
          });
      List<Long> dueB = new ArrayList<>();
      Thread other = new Thread(() -> dueB.addAll(dueTimes(b, 1_000, t0 + 10, t0 + 60_000)));
      other.start();
      List<Long> dueA = dueTimes(a, 5_000, t0 + 1_234, t0 + 60_000);
      other.join(10_000);
      assertThat(dueA).hasSize(12).startsWith(t0 + 1_234).endsWith(t0 + 56_234);
      assertThat(dueB).hasSize(60);
      assertThat(s.whenWatermarkReaches(t0 + 60_000).get(5, TimeUnit.SECONDS))
          .isEqualTo(t0 + 60_000);
      // Held at the barrier: nothing more is released.
      a.expectNoMessage(Duration.ofMillis(200));
      assertThat(s.watermark()).isEqualTo(t0 + 60_000);
      assertThat(watermarks).isSorted().last().isEqualTo(t0 + 60_000);
      end.release();
    }
  }

  @Test
  void theWatermarkWaitsForEveryDeviceOfAWindow() throws Exception {
    SimClock clock = SimClock.maxSpeed(START);
    try (TickScheduler<Msg> s = scheduler(clock, new ArrayList<>())) {
      long t0 = START.toEpochMilli();
      s.holdAt(t0 + 1_000);
      TestProbe<Msg> slow = testKit.createTestProbe();
      atStart(s, () -> s.register(slow.getRef(), t0, 1_000));
      Tick t = slow.expectMessageClass(Tick.class);
      assertThat(s.whenWatermarkReaches(t0 + 1_000).isDone()).isFalse();
      t.window().arrive();
      assertThat(s.whenWatermarkReaches(t0 + 1_000).get(5, TimeUnit.SECONDS)).isEqualTo(t0 + 1_000);
    }
  }

  @Test
  void aCancelledDeviceIsToldItIsUnscheduledAfterItsLastWindow() {
    SimClock clock = SimClock.maxSpeed(START);
    try (TickScheduler<Msg> s = scheduler(clock, new ArrayList<>())) {
      long t0 = START.toEpochMilli();
      s.holdAt(t0 + 10_000);
      TestProbe<Msg> probe = testKit.createTestProbe();
      List<TickScheduler.Entry<Msg>> entry = new ArrayList<>();
      atStart(s, () -> entry.add(s.register(probe.getRef(), t0, 1_000)));
      TickScheduler.Entry<Msg> e = entry.get(0);
      Tick first = probe.expectMessageClass(Tick.class);
      s.cancel(e);
      first.window().arrive();
      // Any windows already told still come, then Gone, then nothing.
      Msg m;
      while ((m = probe.receiveMessage(Duration.ofSeconds(5))) instanceof Tick t) {
        t.window().arrive();
      }
      assertThat(m).isEqualTo(GONE);
      probe.expectNoMessage(Duration.ofMillis(200));
    }
  }

  @Test
  void atRealSpeedReadingsComeWhenTheirTimeHasCome() {
    SimClock clock = SimClock.startingAt(START, 1.0);
    try (TickScheduler<Msg> s = scheduler(clock, new ArrayList<>()).start()) {
      long t0 = START.toEpochMilli();
      TestProbe<Msg> probe = testKit.createTestProbe();
      s.register(probe.getRef(), t0 + 300, 1_000);
      long startNanos = System.nanoTime();
      Tick t = probe.expectMessageClass(Tick.class, Duration.ofSeconds(5));
      long waitedMillis = (System.nanoTime() - startNanos) / 1_000_000;
      assertThat(t.window().endMillis()).isGreaterThan(t0 + 300);
      assertThat(waitedMillis).isBetween(150L, 2_000L);
      t.window().arrive();
    }
  }
}
