package io.iotsim.cluster.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which finished scenario jobs are forgotten, and the settings that say so. */
class JobRetentionTest {

  private static JobRecord job(String id, JobState state, long submitted, long finishedAt) {
    return new JobRecord(
        new JobStatus(id, "s", state, 1, 0, "", "", submitted, 0), "node", finishedAt);
  }

  @Test
  void finishedJobsGoAfterTheRetentionAndRunningOnesNever() {
    JobRetention r = new JobRetention(Duration.ofMinutes(10), 100);
    long now = 1_000_000_000L;
    long old = now - Duration.ofMinutes(11).toMillis();
    List<JobRecord> records =
        List.of(
            job("done-old", JobState.SUCCEEDED, old - 5, old),
            job("failed-old", JobState.FAILED, old - 5, old),
            job("cancelled-old", JobState.CANCELLED, old - 5, old),
            job("done-new", JobState.SUCCEEDED, now - 1000, now - 500),
            job("running-old", JobState.RUNNING, old - 100_000, 0),
            job("pending-old", JobState.PENDING, old - 100_000, 0));

    assertThat(r.expired(records, now))
        .containsExactlyInAnyOrder("done-old", "failed-old", "cancelled-old");
  }

  @Test
  void pastTheCountTheOldestFinishedGoFirst() {
    JobRetention r = new JobRetention(Duration.ofHours(1), 2);
    long now = 5_000_000L;
    List<JobRecord> records =
        List.of(
            job("a", JobState.SUCCEEDED, 10, now - 4000),
            job("b", JobState.FAILED, 20, now - 3000),
            job("c", JobState.CANCELLED, 30, now - 2000),
            job("d", JobState.SUCCEEDED, 40, now - 1000),
            job("e", JobState.RUNNING, 1, 0));

    assertThat(r.expired(records, now)).containsExactly("a", "b");
  }

  @Test
  void aRecordWithoutItsFinishTimeCountsFromItsSubmit() {
    JobRetention r = new JobRetention(Duration.ofSeconds(1), 10);
    assertThat(r.expired(List.of(job("x", JobState.SUCCEEDED, 1000, 0)), 2500))
        .containsExactly("x");
    assertThat(r.expired(List.of(job("x", JobState.SUCCEEDED, 1000, 0)), 1500)).isEmpty();
  }

  @Test
  void settingsComeFromTheConfigAndBadValuesNameTheirKey() {
    JobRetention defaults = JobRetention.from(ConfigFactory.load());
    assertThat(defaults.retention()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.maxFinished()).isEqualTo(1000);
    assertThat(defaults.checkEvery()).isEqualTo(Duration.ofMinutes(1));
    assertThat(new JobRetention(Duration.ofSeconds(2), 1).checkEvery())
        .isEqualTo(Duration.ofMillis(500));

    assertThatThrownBy(() -> JobRetention.from(config("retention = 0s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scenario.retention: must be > 0");
    assertThatThrownBy(() -> JobRetention.from(config("retention = soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scenario.retention: must be a duration such as 1h or 30m (got 'soon')");
    assertThatThrownBy(() -> JobRetention.from(config("max-finished = 0")))
        .hasMessage("scenario.max-finished: must be >= 1 (got 0)");
    assertThatThrownBy(() -> JobRetention.from(config("max-finished = many")))
        .hasMessage("scenario.max-finished: must be a whole number >= 1 (got 'many')");
  }

  private static com.typesafe.config.Config config(String line) {
    return ConfigFactory.parseString("iot-sim.scenario." + line).withFallback(ConfigFactory.load());
  }
}
