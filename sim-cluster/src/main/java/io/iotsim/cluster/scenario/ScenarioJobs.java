package io.iotsim.cluster.scenario;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.Scenario;
import io.iotsim.core.scenario.ScenarioParser;
import io.iotsim.core.scenario.ScenarioScript;
import io.iotsim.core.schedule.TickScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The scenario jobs of a node, the one API the gRPC service and the REST routes both call: submits
 * them (each a {@link ScenarioRunner} actor under the node's guardian, its script on its own
 * thread), lists, finds and cancels them. Ids are {@code NAME-N}, counted per node: no wall clock
 * or randomness reaches a scenario. Nothing here blocks the caller.
 */
public final class ScenarioJobs {

  /** How long a cancel waits for the job to stop before answering with its current status. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

  private final Spawner children;
  private final Fleet fleet;
  private final TickScheduler<?> scheduler;
  private final SimClock clock;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JobStatus>> finished = new ConcurrentHashMap<>();
  private final Map<String, ActorRef<ScenarioRunner.Command>> refs = new ConcurrentHashMap<>();

  public ScenarioJobs(Spawner children, Fleet fleet, TickScheduler<?> scheduler, SimClock clock) {
    this.children = children;
    this.fleet = fleet;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Parses a scenario's YAML and starts it now; profiles it names are found relative to the node's
   * working directory.
   *
   * @param name the job's name when the YAML has none, or empty for {@code scenario}
   * @param speed the clock speed to switch to once the job is submitted, or empty to keep it
   * @throws io.iotsim.core.scenario.ScenarioException for bad YAML, naming every problem's line
   */
  public CompletionStage<JobStatus> submit(
      String source, Optional<String> name, Optional<Double> speed) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source: required (the scenario's YAML text)");
    }
    String label = name.filter(n -> !n.isEmpty()).orElse("scenario");
    ProfileResolver profiles = ProfileResolver.near(null);
    ScenarioScript script = ScenarioParser.parse(source, label, label, profiles);
    return submit(script, profiles, null, false)
        .thenApply(
            status -> {
              speed.ifPresent(clock::changeSpeed);
              return status;
            });
  }

  /**
   * Starts a scenario. Its simulated start is held (a barrier) from this call on, so however long
   * the job actor takes to start, no device passes that time before the scenario's first step.
   *
   * @param startMillis its simulated start, or null for now
   * @param holdEnd keep time held at the scenario's end (an embedded run ends there)
   * @return the job's first status, once its actor runs
   */
  public CompletionStage<JobStatus> submit(
      Scenario scenario, ProfileResolver profiles, Long startMillis, boolean holdEnd) {
    String id = scenario.name() + "-" + counter.incrementAndGet();
    long start =
        startMillis != null ? startMillis : Math.max(clock.simNowMillis(), clock.releasedMillis());
    JobStatus initial =
        new JobStatus(
            id,
            scenario.name(),
            JobState.PENDING,
            scenario.stepsTotal(),
            0,
            "",
            "",
            System.currentTimeMillis(),
            start);
    jobs.put(id, initial);
    CompletableFuture<JobStatus> done = new CompletableFuture<>();
    finished.put(id, done);
    TickScheduler.Barrier atStart = scheduler.holdAt(start);
    return children
        .spawn(
            ScenarioRunner.create(
                initial,
                atStart,
                holdEnd,
                fleet,
                scheduler,
                s -> {
                  jobs.put(s.id(), s);
                  if (s.finished()) {
                    done.complete(s);
                  }
                }),
            "scenario-" + id)
        .thenApply(
            ref -> {
              refs.put(id, ref);
              startScript(id, scenario, new JobContext(ref, fleet, profiles, start), ref);
              return jobs.get(id);
            });
  }

  /** The script runs on its own thread: it blocks on each step, never a dispatcher thread. */
  private static void startScript(
      String id, Scenario scenario, JobContext ctx, ActorRef<ScenarioRunner.Command> ref) {
    Thread script =
        new Thread(
            () -> {
              Throwable error = null;
              try {
                scenario.run(ctx);
              } catch (Throwable e) {
                error = e;
              }
              ref.tell(new ScenarioRunner.ScriptDone(error));
            },
            "scenario-" + id);
    script.setDaemon(true);
    script.start();
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
  public CompletionStage<JobStatus> whenFinished(String id) {
    CompletableFuture<JobStatus> f = finished.get(id);
    return f == null
        ? CompletableFuture.failedFuture(
            new IllegalArgumentException("scenario_id: no scenario '" + id + "'"))
        : f.copy();
  }

  /**
   * Cancels a running job; completes with its status once it has stopped (or, if it takes longer
   * than {@link #CANCEL_WAIT}, with its status then), empty when there is no such job.
   */
  public CompletionStage<Optional<JobStatus>> cancel(String id) {
    JobStatus s = jobs.get(id);
    if (s == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    ActorRef<ScenarioRunner.Command> ref = refs.get(id);
    if (s.finished() || ref == null) {
      return CompletableFuture.completedFuture(Optional.of(s));
    }
    ref.tell(ScenarioRunner.Cancel.INSTANCE);
    return finished
        .get(id)
        .copy()
        .completeOnTimeout(null, CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(done -> Optional.of(done != null ? done : jobs.get(id)));
  }
}
