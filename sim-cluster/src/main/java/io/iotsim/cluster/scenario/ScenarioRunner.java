package io.iotsim.cluster.scenario;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.schedule.TickScheduler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The actor that runs one scenario job: the supervisor of its steps, on the simulated-time
 * scheduler ({@link JobStatus} is how clients see the job, {@link ScenarioJobs} finds it). It owns
 * the scenario's simulated time {@code T} and always holds a barrier there, so time never passes a
 * step before the step is applied; each step runs as a child ({@link ScenarioStep}) at {@code T},
 * and a wait moves the barrier on. The scenario's script runs on its own thread and talks to the
 * job through {@link JobContext}; a failing step fails the job with its reason and leaves the node
 * running.
 */
final class ScenarioRunner extends AbstractBehavior<ScenarioRunner.Command> {

  interface Command extends org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  /** Apply {@code op} at the current simulated time; completes {@code reply} with its result. */
  record Call(String label, LongFunction<CompletionStage<?>> op, CompletableFuture<Object> reply)
      implements Command {}

  /** Let {@code millis} of simulated time pass; completes {@code reply} with the new time. */
  record Wait(long millis, CompletableFuture<Object> reply) implements Command {}

  record StepDone(int seq, Object result, Throwable error) implements Command {}

  record ScriptDone(Throwable error) implements Command {}

  private record EndReached() implements Command {}

  enum Cancel implements Command {
    INSTANCE
  }

  static Behavior<Command> create(
      JobStatus initial,
      TickScheduler.Barrier atStart,
      boolean holdEnd,
      Fleet fleet,
      TickScheduler<?> scheduler,
      Consumer<JobStatus> publish) {
    return Behaviors.setup(
        ctx -> new ScenarioRunner(ctx, initial, atStart, holdEnd, fleet, scheduler, publish));
  }

  private final Fleet fleet;
  private final TickScheduler<?> scheduler;
  private final boolean holdEnd;
  private final Consumer<JobStatus> publish;
  private JobStatus status;
  private long now;
  private TickScheduler.Barrier barrier;
  private int seq;
  private int done;
  private CompletableFuture<Object> pending;
  private boolean finishing;

  private ScenarioRunner(
      ActorContext<Command> context,
      JobStatus initial,
      TickScheduler.Barrier atStart,
      boolean holdEnd,
      Fleet fleet,
      TickScheduler<?> scheduler,
      Consumer<JobStatus> publish) {
    super(context);
    this.fleet = fleet;
    this.scheduler = scheduler;
    this.holdEnd = holdEnd;
    this.publish = publish;
    this.now = atStart.atMillis();
    this.barrier = atStart;
    this.status = initial;
    update(JobState.RUNNING, "", "");
    event("scenario started", "start", Map.of());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Call.class, this::onCall)
        .onMessage(Wait.class, this::onWait)
        .onMessage(StepDone.class, this::onStepDone)
        .onMessage(ScriptDone.class, this::onScriptDone)
        .onMessage(EndReached.class, e -> onEndReached())
        .onMessageEquals(Cancel.INSTANCE, this::onCancel)
        .build();
  }

  private Behavior<Command> onCall(Call call) {
    if (finishing) {
      call.reply().completeExceptionally(new CancellationException("scenario is over"));
      return this;
    }
    seq++;
    pending = call.reply();
    update(JobState.RUNNING, call.label(), "");
    var step =
        getContext()
            .spawn(
                ScenarioStep.create(seq, now, call.op(), scheduler, getContext().getSelf()),
                "step-" + seq);
    // a step that dies without reporting fails the scenario instead of hanging it
    getContext()
        .watchWith(
            step,
            new StepDone(seq, null, new IllegalStateException("step stopped without a result")));
    return this;
  }

  private Behavior<Command> onStepDone(StepDone d) {
    if (d.seq() != seq || pending == null) {
      return this;
    }
    CompletableFuture<Object> reply = pending;
    pending = null;
    if (d.error() != null) {
      if (reply != null) {
        reply.completeExceptionally(d.error());
      }
      return this;
    }
    done++;
    event(
        status.currentStep(),
        Integer.toString(d.seq()),
        Map.of("step_kind", kindOf(status.currentStep())));
    update(JobState.RUNNING, status.currentStep(), "");
    if (reply != null) {
      reply.complete(d.result());
    }
    return this;
  }

  private Behavior<Command> onWait(Wait w) {
    if (finishing) {
      w.reply().completeExceptionally(new CancellationException("scenario is over"));
      return this;
    }
    long next = now + w.millis();
    TickScheduler.Barrier held = scheduler.holdAt(next);
    barrier.release();
    barrier = held;
    now = next;
    done++;
    update(JobState.RUNNING, "wait", "");
    w.reply().complete(now);
    return this;
  }

  private Behavior<Command> onScriptDone(ScriptDone d) {
    if (finishing) {
      return this;
    }
    finishing = true;
    if (d.error() != null) {
      String reason = reason(d.error());
      update(JobState.FAILED, status.currentStep(), reason);
      event("scenario failed: " + reason, "end", Map.of("state", "failed"));
      barrier.release();
      return Behaviors.stopped();
    }
    // done when every reading up to the scenario's end has been produced
    getContext().pipeToSelf(scheduler.whenWatermarkReaches(now), (w, e) -> new EndReached());
    return this;
  }

  private Behavior<Command> onEndReached() {
    update(JobState.SUCCEEDED, "", "");
    event("scenario succeeded", "end", Map.of("state", "succeeded"));
    if (!holdEnd) {
      barrier.release();
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> onCancel() {
    if (pending != null) {
      pending.completeExceptionally(new CancellationException("scenario cancelled"));
    }
    finishing = true;
    update(JobState.CANCELLED, status.currentStep(), "cancelled");
    event("scenario cancelled", "end", Map.of("state", "cancelled"));
    barrier.release();
    return Behaviors.stopped();
  }

  static String reason(Throwable e) {
    while ((e instanceof java.util.concurrent.CompletionException
            || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String kindOf(String label) {
    int space = label.indexOf(' ');
    return space < 0 ? label : label.substring(0, space);
  }

  private void update(JobState state, String current, String reason) {
    status = status.with(state, done, current, reason, now);
    publish.accept(status);
  }

  private void event(String message, String step, Map<String, String> extra) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("scenario_id", status.id());
    meta.put("scenario", status.name());
    meta.put("step", step);
    meta.putAll(extra);
    fleet.publishEvent(new LifecycleEvent("", "", EventType.SCENARIO_STEP, message, now, meta));
  }
}
