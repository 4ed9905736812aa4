package io.iotsim.cluster.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node's scenario jobs API, the one the gRPC service and the REST routes both call. */
class ScenarioJobsTest {

  static SimNode node;
  static ScenarioJobs jobs;

  @BeforeAll
  static void start() {
    node = TestNodes.start(false, Map.of("iot-sim.node.speed", "10"));
    jobs = node.scenarios();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aJobRunsToTheEndOfItsSteps() {
    JobStatus submitted =
        jobs.submit(
                "steps:\n  - log: hello\n  - wait: 1s\n", Optional.of("short"), Optional.empty())
            .toCompletableFuture()
            .join();
    assertThat(submitted.id()).matches("short-\\d+");
    JobStatus done =
        jobs.whenFinished(submitted.id())
            .toCompletableFuture()
            .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
            .join();
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.stepsDone()).isEqualTo(2);
  }

  @Test
  void cancelAnswersWithTheStoppedJobWithoutBlockingTheCaller() {
    JobStatus running =
        jobs.submit("name: long\nsteps:\n  - wait: 24h\n", Optional.empty(), Optional.empty())
            .toCompletableFuture()
            .join();
    long t0 = System.nanoTime();
    var cancelled = jobs.cancel(running.id());
    // The call returns a stage at once; the job stops on its own actor.
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    JobStatus s = cancelled.toCompletableFuture().join().orElseThrow();
    assertThat(s.state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.get(running.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.list()).extracting(JobStatus::id).contains(running.id());
  }

  @Test
  void unknownJobsAndBadSourcesAreNamed() {
    assertThat(jobs.cancel("nope-1").toCompletableFuture().join()).isEmpty();
    assertThat(jobs.get("nope-1")).isEmpty();
    assertThatThrownBy(() -> jobs.submit(" ", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
    assertThatThrownBy(() -> jobs.submit("steps: 3\n", Optional.empty(), Optional.empty()))
        .hasMessageContaining("steps");
    assertThat(jobs.whenFinished("nope-1").toCompletableFuture()).isCompletedExceptionally();
  }
}
