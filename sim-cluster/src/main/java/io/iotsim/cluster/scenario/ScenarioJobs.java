package io.iotsim.cluster.scenario;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.cluster.time.LocalTimeline;
import io.iotsim.cluster.time.Timeline;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The scenario jobs of the cluster as one node sees them, the one API the gRPC service and the REST
 * routes both call: submits jobs to run on this node (each a {@link ScenarioRunner} actor under the
 * node's guardian, its script on its own thread, its steps held on every node's simulated time by a
 * {@link Timeline}), lists and finds every node's jobs (replicated by the {@link JobBoard}), and
 * cancels any of them (another node's through its board). Ids are {@code NAME-N}, counted per node,
 * with the node's tag ({@code NAME-TAG-N}) when the cluster has other members: no wall clock or
 * randomness reaches a scenario. Nothing here blocks the caller.
 */
public final class ScenarioJobs {

  /** How long a cancel waits for the job to stop before answering with its current status. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

  private final Spawner children;
  private final Fleet fleet;
  private final Timeline timeline;
  private final SimClock clock;
  private final ActorSystem<?> system;
  private final Duration askTimeout;
  private final JobRetention retention;
  private final Map<String, JobRecord> replica = new ConcurrentHashMap<>();
  private volatile Set<ActorRef<JobBoard.Command>> boards = Set.of();
  private volatile ActorRef<JobBoard.Command> board;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JobStatus>> finished = new ConcurrentHashMap<>();
  private final Map<String, ActorRef<ScenarioRunner.Command>> refs = new ConcurrentHashMap<>();

  /** Jobs of one node alone, on its own scheduler. */
  public ScenarioJobs(Spawner children, Fleet fleet, TickScheduler<?> scheduler, SimClock clock) {
    this(
        children,
        fleet,
        new LocalTimeline(scheduler, clock),
        clock,
        null,
        Duration.ofSeconds(5),
        new JobRetention(Duration.ofHours(1), 1000));
  }

  /**
   * Jobs shared with the cluster of {@code system}: {@link #shareWithCluster()} starts the board.
   *
   * @param askTimeout how long another node may take to answer (a cancel waits this much longer)
   * @param retention when finished jobs are forgotten (applied once the board runs)
   */
  public ScenarioJobs(
      Spawner children,
      Fleet fleet,
      Timeline timeline,
      SimClock clock,
      ActorSystem<?> system,
      Duration askTimeout,
      JobRetention retention) {
    this.children = children;
    this.fleet = fleet;
    this.timeline = timeline;
    this.clock = clock;
    this.system = system;
    this.askTimeout = askTimeout;
    this.retention = retention;
  }

  /** Starts this node's {@link JobBoard}: from then on jobs are seen and cancelled cluster-wide. */
  public CompletionStage<Void> shareWithCluster() {
    return children
        .spawn(
            JobBoard.create(
                id -> jobs.get(id),
                id -> cancel(id),
                replica,
                all -> boards = Set.copyOf(all),
                this::forget,
                retention,
                askTimeout),
            "scenario-jobs")
        .thenAccept(ref -> board = ref);
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
        .thenCompose(
            status ->
                speed.isPresent()
                    ? timeline.changeSpeed(speed.get()).thenApply(epoch -> status)
                    : CompletableFuture.completedFuture(status));
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
    String id = scenario.name() + "-" + nodeTag() + counter.incrementAndGet();
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
    publish(id);
    CompletableFuture<JobStatus> done = new CompletableFuture<>();
    finished.put(id, done);
    return timeline
        .holdAt(start)
        .whenComplete(
            (held, e) -> {
              if (e != null) {
                JobStatus failed =
                    initial.with(JobState.FAILED, 0, "", ScenarioRunner.reason(e), start);
                jobs.put(id, failed);
                publish(id);
                done.complete(failed);
              }
            })
        .thenCompose(
            atStart ->
                children.spawn(
                    ScenarioRunner.create(
                        initial,
                        atStart,
                        holdEnd,
                        fleet,
                        timeline,
                        s -> {
                          jobs.put(s.id(), s);
                          publish(s.id());
                          if (s.finished()) {
                            done.complete(s);
                          }
                        }),
                    "scenario-" + id))
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

  /** This node's part of a job id when other nodes could count the same names, else empty. */
  private String nodeTag() {
    if (system == null || Cluster.get(system).state().members().size() <= 1) {
      return "";
    }
    String address = Cluster.get(system).selfMember().address().toString();
    return Integer.toHexString(address.hashCode() & 0xffff) + "-";
  }

  private void publish(String id) {
    ActorRef<JobBoard.Command> b = board;
    if (b != null) {
      b.tell(new JobBoard.Publish(id));
    }
  }

  /** Drops a job the retention let go from this node's own jobs (it has finished). */
  private void forget(String id) {
    jobs.remove(id);
    finished.remove(id);
    refs.remove(id);
  }

  /** Every job in the cluster this node knows of: its own, and the others' as replicated. */
  public List<JobStatus> list() {
    Map<String, JobStatus> byId = new java.util.HashMap<>();
    replica.forEach((id, r) -> byId.put(id, r.status()));
    byId.putAll(jobs);
    List<JobStatus> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparingLong(JobStatus::submittedAtMillis).thenComparing(JobStatus::id));
    return all;
  }

  /** A job of any node (another node's as last replicated here). */
  public Optional<JobStatus> get(String id) {
    JobStatus mine = jobs.get(id);
    if (mine != null) {
      return Optional.of(mine);
    }
    return Optional.ofNullable(replica.get(id)).map(JobRecord::status);
  }

  /** The address of the node that runs job {@code id}, if known. */
  public Optional<String> nodeOf(String id) {
    if (jobs.containsKey(id) && system != null) {
      return Optional.of(system.address().toString());
    }
    return Optional.ofNullable(replica.get(id)).map(JobRecord::node);
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
      return cancelElsewhere(id);
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

  /**
   * Cancels another node's job through that node's board (every other node's when the job is not
   * replicated here yet); a job whose node has left answers with its replicated status.
   */
  private CompletionStage<Optional<JobStatus>> cancelElsewhere(String id) {
    JobRecord known = replica.get(id);
    if (known != null && known.status().finished()) {
      return CompletableFuture.completedFuture(Optional.of(known.status()));
    }
    List<ActorRef<JobBoard.Command>> targets = new ArrayList<>();
    for (ActorRef<JobBoard.Command> b : boards) {
      String at = b.path().address().toString();
      if (!b.equals(board) && (known == null || known.node().equals(at))) {
        targets.add(b);
      }
    }
    if (targets.isEmpty() || system == null) {
      return CompletableFuture.completedFuture(Optional.ofNullable(known).map(JobRecord::status));
    }
    Duration timeout = CANCEL_WAIT.plus(askTimeout);
    List<CompletableFuture<JobBoard.Cancelled>> asks = new ArrayList<>();
    for (ActorRef<JobBoard.Command> b : targets) {
      asks.add(
          AskPattern.<JobBoard.Command, JobBoard.Cancelled>ask(
                  b, replyTo -> new JobBoard.Cancel(id, replyTo), timeout, system.scheduler())
              .toCompletableFuture()
              .exceptionally(e -> new JobBoard.Cancelled(id, null, b.path().address().toString())));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            x -> {
              for (CompletableFuture<JobBoard.Cancelled> a : asks) {
                JobStatus status = a.join().status();
                if (status != null) {
                  return Optional.of(status);
                }
              }
              return Optional.ofNullable(known).map(JobRecord::status);
            });
  }
}
