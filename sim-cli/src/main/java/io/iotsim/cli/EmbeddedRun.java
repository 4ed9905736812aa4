package io.iotsim.cli;

import io.iotsim.cluster.fleet.SpawnResult;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.schedule.TickScheduler;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fleet on an embedded node for an exact span of simulated time: held at the start while it
 * spawns, so every device's schedule starts at the same simulated instant whatever the set-up took,
 * and held at the end, so exactly the readings before it are produced. That is what makes {@code
 * run} replay byte for byte at any speed.
 */
final class EmbeddedRun {

  /** What a run did. */
  record Outcome(SpawnResult spawned, long spawnNanos, long readings, long wallNanos) {
    double readingsPerSecond() {
      return wallNanos == 0 ? 0 : readings * 1e9 / wallNanos;
    }
  }

  private final SimNode node;

  EmbeddedRun(SimNode node) {
    this.node = node;
  }

  /**
   * Settings of a node that is a cluster of its own for one command: it joins itself (never seed
   * nodes from the environment), on any free remoting port, and what leaving the cluster on the way
   * out waits on ticks every 100 ms instead of every second: the leader's actions (twice) and the
   * singletons' hand-over retry (they have no one to hand over to).
   */
  static void alone(Map<String, Object> overrides) {
    overrides.put("iot-sim.cluster.join", "self");
    overrides.put("pekko.remote.artery.canonical.port", 0);
    overrides.put("pekko.cluster.leader-actions-interval", "100ms");
    overrides.put("pekko.cluster.singleton.hand-over-retry-interval", "100ms");
    overrides.put("pekko.cluster.sharding.coordinator-singleton.hand-over-retry-interval", "100ms");
  }

  /** A fleet spawned at the clock's start and held there until {@code atStart} is released. */
  record Held(TickScheduler.Barrier atStart, SpawnResult spawned, long spawnNanos) {}

  Held spawnHeld(DeviceProfile profile, int count, Map<String, String> labels) throws Exception {
    long start = node.clock().simStartMillis();
    TickScheduler.Barrier atStart = node.scheduler().holdAt(start);
    long t0 = System.nanoTime();
    SpawnResult spawned =
        node.fleet()
            .spawnAt(profile, count, labels, start)
            .toCompletableFuture()
            .get(10, TimeUnit.MINUTES);
    return new Held(atStart, spawned, System.nanoTime() - t0);
  }

  /** Starts simulated time at the clock's start, now. */
  void release(Held held) {
    node.clock().restartAt(node.clock().simStartMillis());
    held.atStart().release();
  }

  /**
   * Runs {@code count} devices for {@code duration} of simulated time, printing a progress line to
   * {@code progress} every {@code every} (none when null).
   */
  Outcome run(
      DeviceProfile profile,
      int count,
      Map<String, String> labels,
      Duration duration,
      PrintStream progress,
      Duration every)
      throws Exception {
    long start = node.clock().simStartMillis();
    long end = start + duration.toMillis();
    // The start is held first: with only the end held, an empty scheduler at max speed would
    // rightly run straight to the end before the fleet is there.
    Held held = spawnHeld(profile, count, labels);
    node.scheduler().holdAt(end);
    long readingsBefore = node.counters().readings();
    long t0 = System.nanoTime();
    release(held);
    CompletableFuture<Long> done = node.scheduler().whenWatermarkReaches(end);
    while (true) {
      try {
        done.get(every == null ? 1_000 : every.toMillis(), TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException stillRunning) {
        if (progress != null) {
          long simNow = Math.min(node.scheduler().watermark(), end);
          double wall = (System.nanoTime() - t0) / 1e9;
          long readings = node.counters().readings() - readingsBefore;
          progress.printf(
              "  sim %s  %5.1f%%  readings %,d  (%,.0f/s)%n",
              Instant.ofEpochMilli(simNow),
              100.0 * (simNow - start) / Math.max(1, end - start),
              readings,
              readings / Math.max(1e-9, wall));
          progress.flush();
        }
      }
    }
    // atEnd stays held: the node closes at the end, so nothing after it is ever produced.
    long wallNanos = System.nanoTime() - t0;
    return new Outcome(
        held.spawned(), held.spawnNanos(), node.counters().readings() - readingsBefore, wallNanos);
  }

  /**
   * Runs a scenario on the embedded node from the clock's start to the scenario's end. The node was
   * started at max speed so that simulated time has not moved yet; time is held at the start while
   * the job takes it over, then runs at {@code speed} (max when null).
   */
  io.iotsim.cluster.scenario.JobStatus runScenario(
      io.iotsim.core.scenario.ScenarioScript script,
      io.iotsim.core.scenario.ProfileResolver profiles,
      Double speed,
      PrintStream progress,
      Duration every)
      throws Exception {
    long start = node.clock().simStartMillis();
    TickScheduler.Barrier held = node.scheduler().holdAt(start);
    // This is the CLI's main thread: waiting here blocks no dispatcher.
    io.iotsim.cluster.scenario.JobStatus job =
        node.scenarios()
            .submit(script, profiles, start, true)
            .toCompletableFuture()
            .get(1, TimeUnit.MINUTES);
    if (speed != null) {
      node.clock().changeSpeed(speed);
    }
    held.release();
    CompletableFuture<io.iotsim.cluster.scenario.JobStatus> done =
        node.scenarios().whenFinished(job.id()).toCompletableFuture();
    long t0 = System.nanoTime();
    long readingsBefore = node.counters().readings();
    while (true) {
      try {
        return done.get(every == null ? 1_000 : every.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        if (progress != null) {
          var s = node.scenarios().get(job.id()).orElse(job);
          double wall = (System.nanoTime() - t0) / 1e9;
          long readings = node.counters().readings() - readingsBefore;
          progress.printf(
              "  sim %s  step %d/%d %s  readings %,d  (%,.0f/s)%n",
              Instant.ofEpochMilli(Math.min(node.scheduler().watermark(), s.simTimeMillis())),
              s.stepsDone(),
              s.stepsTotal(),
              s.currentStep(),
              readings,
              readings / Math.max(1e-9, wall));
          progress.flush();
        }
      }
    }
  }
}
