package io.iotsim.cluster.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How long finished scenario jobs stay listed ({@code iot-sim.scenario} in reference.conf): a
 * finished job (succeeded, failed, cancelled) is forgotten once it has been finished for {@code
 * retention}, and beyond {@code maxFinished} finished jobs the oldest go first. A job that has not
 * finished is never forgotten. Plain rules; the {@link JobBoard} applies them on a timer.
 *
 * @param retention how long a job stays listed after it finished
 * @param maxFinished how many finished jobs stay listed at most (the newest)
 */
public record JobRetention(Duration retention, int maxFinished) {

  public JobRetention {
    if (retention.isZero() || retention.isNegative()) {
      throw new IllegalArgumentException(
          "scenario.retention: must be > 0, e.g. 1h (got " + retention + ")");
    }
    if (maxFinished < 1) {
      throw new IllegalArgumentException(
          "scenario.max-finished: must be >= 1 (got " + maxFinished + ")");
    }
  }

  /**
   * @throws IllegalArgumentException naming the key, for a value that is not a positive duration or
   *     count
   */
  public static JobRetention from(Config root) {
    Duration retention;
    try {
      retention = root.getDuration("iot-sim.scenario.retention");
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw new IllegalArgumentException(
          "scenario.retention: must be a duration such as 1h or 30m (got '"
              + root.getValue("iot-sim.scenario.retention").unwrapped()
              + "')",
          e);
    }
    int max;
    try {
      max = root.getInt("iot-sim.scenario.max-finished");
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException(
          "scenario.max-finished: must be a whole number >= 1 (got '"
              + root.getValue("iot-sim.scenario.max-finished").unwrapped()
              + "')",
          e);
    }
    return new JobRetention(retention, max);
  }

  /** How often the board looks for jobs to forget: often enough for short retentions. */
  Duration checkEvery() {
    Duration quarter = retention.dividedBy(4);
    Duration min = Duration.ofMillis(100);
    Duration max = Duration.ofMinutes(1);
    return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
  }

  /**
   * The ids of the jobs to forget at {@code nowMillis} (wall clock): finished for at least {@code
   * retention}, then the oldest finished past {@code maxFinished}.
   */
  Set<String> expired(Collection<JobRecord> records, long nowMillis) {
    List<JobRecord> kept = new ArrayList<>();
    Set<String> out = new LinkedHashSet<>();
    for (JobRecord r : records) {
      if (!r.status().finished()) {
        continue;
      }
      if (nowMillis - r.finishedAt() >= retention.toMillis()) {
        out.add(r.status().id());
      } else {
        kept.add(r);
      }
    }
    if (kept.size() > maxFinished) {
      kept.sort(
          Comparator.comparingLong(JobRecord::finishedAt)
              .thenComparingLong(r -> r.status().submittedAtMillis())
              .thenComparing(r -> r.status().id()));
      for (JobRecord r : kept.subList(0, kept.size() - maxFinished)) {
        out.add(r.status().id());
      }
    }
    return out;
  }
}
