package io.iotsim.cluster.scenario;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.Scenario;
import io.iotsim.core.schedule.TickScheduler;
import io.iotsim.proto.simulator.v1.ScenarioState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The scenario jobs of a node: submits them (each a {@link ScenarioJob} actor with its script on
 * its own thread), lists, finds and cancels them. Ids are {@code NAME-N}, counted per node: no
 * wall clock or randomness reaches a scenario.
 */
public final class ScenarioJobs {

  private final ActorSystem<?> system;
  private final Fleet fleet;
  private final TickScheduler<?> scheduler;
  private final SimClock clock;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JobStatus>> finished = new ConcurrentHashMap<>();
  private final Map<String, ActorRef<ScenarioJob.Command>> refs = new ConcurrentHashMap<>();

  public ScenarioJobs(ActorSystem<?> system, Fleet fleet, TickScheduler<?> scheduler, SimClock clock) {
    this.system = system;
    this.fleet = fleet;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Starts a scenario.
   *
   * @param startMillis its simulated start, or null for now
   * @param holdEnd keep time held at the scenario's end (an embedded run ends there)
   */
  public JobStatus submit(Scenario scenario, ProfileResolver profiles, Long startMillis, boolean holdEnd) {
    String id = scenario.name() + "-" + counter.incrementAndGet();
    long start = startMillis != null ? startMillis : Math.max(clock.simNowMillis(), clock.releasedMillis());
    JobStatus initial =
        new JobStatus(id, scenario.name(), ScenarioState.SCENARIO_STATE_PENDING, scenario.stepsTotal(), 0, "", "",
            System.currentTimeMillis(), start);
    jobs.put(id, initial);
    CompletableFuture<JobStatus> done = new CompletableFuture<>();
    finished.put(id, done);
    ActorRef<ScenarioJob.Command> ref =
        system.systemActorOf(
            ScenarioJob.create(
                initial, scheduler.holdAt(start), holdEnd, fleet, scheduler,
                s -> {
                  jobs.put(s.id(), s);
                  if (s.finished()) {
                    done.complete(s);
                  }
                }),
            "scenario-" + id.replaceAll("[^A-Za-z0-9_-]", "_"),
            Props.empty());
    refs.put(id, ref);
    JobContext ctx = new JobContext(ref, fleet, profiles, start);
    Thread script =
        new Thread(
            () -> {
              Throwable error = null;
              try {
                scenario.run(ctx);
              } catch (Throwable e) {
                error = e;
              }
              ref.tell(new ScenarioJob.ScriptDone(error));
            },
            "scenario-" + id);
    script.setDaemon(true);
    script.start();
    return jobs.get(id);
  }

  public List<JobStatus> list() {
    List<JobStatus> all = new ArrayList<>(jobs.values());
    all.sort(Comparator.comparingLong(JobStatus::submittedAtMillis).thenComparing(JobStatus::id));
    return all;
  }

  public Optional<JobStatus> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Completes when the job has succeeded, failed or been cancelled. */
  public CompletableFuture<JobStatus> whenFinished(String id) {
    CompletableFuture<JobStatus> f = finished.get(id);
    return f == null ? CompletableFuture.failedFuture(new IllegalArgumentException("scenario_id: no scenario '" + id + "'")) : f;
  }

  /** Cancels a running job; empty when there is no such job. */
  public Optional<JobStatus> cancel(String id) {
    JobStatus s = jobs.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.finished()) {
      refs.get(id).tell(ScenarioJob.Cancel.INSTANCE);
      try {
        return Optional.of(whenFinished(id).get(10, java.util.concurrent.TimeUnit.SECONDS));
      } catch (Exception e) {
        return Optional.of(jobs.get(id));
      }
    }
    return Optional.of(s);
  }
}
