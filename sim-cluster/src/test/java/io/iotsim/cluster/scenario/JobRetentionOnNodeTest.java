package io.iotsim.cluster.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention on a real node with a short retention: finished jobs are forgotten (list, get) past the
 * count at once and all after the retention, and a running job stays however old it is.
 */
class JobRetentionOnNodeTest {

  static SimNode node;
  static ScenarioJobs jobs;

  @BeforeAll
  static void start() {
    node =
        TestNodes.start(
            false,
            Map.of(
                "iot-sim.node.speed", "10",
                "iot-sim.scenario.retention", "6s",
                "iot-sim.scenario.max-finished", "2"));
    jobs = node.scenarios();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void finishedJobsAreForgottenPastTheCountAndAfterTheRetentionRunningOnesStay() {
    JobStatus running =
        jobs.submit("name: long\nsteps:\n  - wait: 24h\n", Optional.empty(), Optional.empty())
            .toCompletableFuture()
            .join();
    List<String> done = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JobStatus s =
          jobs.submit("steps:\n  - log: quick\n", Optional.of("quick"), Optional.empty())
              .toCompletableFuture()
              .join();
      assertThat(
              jobs.whenFinished(s.id())
                  .toCompletableFuture()
                  .orTimeout(30, TimeUnit.SECONDS)
                  .join()
                  .state())
          .isEqualTo(JobState.SUCCEEDED);
      done.add(s.id());
    }

    // past max-finished = 2 the two oldest go; the running job stays
    await("the two oldest finished jobs forgotten")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(ids())
                    .containsExactlyInAnyOrder(running.id(), done.get(2), done.get(3)));
    assertThat(jobs.get(done.get(0))).isEmpty();

    // after the retention every finished job is gone; the running one, older, stays
    await("every finished job forgotten after the retention")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(ids()).containsExactly(running.id()));
    assertThat(jobs.get(running.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);

    // once cancelled, it is finished too and goes after the retention
    assertThat(jobs.cancel(running.id()).toCompletableFuture().join().orElseThrow().state())
        .isEqualTo(JobState.CANCELLED);
    assertThat(ids()).containsExactly(running.id());
    await("the cancelled job forgotten")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(ids()).isEmpty());
    assertThat(jobs.get(running.id())).isEmpty();
  }

  private static List<String> ids() {
    return jobs.list().stream().map(JobStatus::id).toList();
  }
}
