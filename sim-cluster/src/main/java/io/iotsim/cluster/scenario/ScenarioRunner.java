package io.iotsim.cluster.scenario;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.time.Timeline;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
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

  private record EndReached(Throwable error) implements Command {}

  /** Every node now holds time at the wait's end; the previous hold can go. */
  private record Moved(Timeline.Hold hold, Throwable error, CompletableFuture<Object> reply)
      implements Command {}

  enum Cancel implements Command {
    INSTANCE
  }

  static Behavior<Command> create(
      JobStatus initial,
      Timeline.Hold atStart,
      boolean holdEnd,
      Fleet fleet,
      Timeline timeline,
      Consumer<JobStatus> publish) {
    return Behaviors.setup(
        ctx -> new ScenarioRunner(ctx, initial, atStart, holdEnd, fleet, timeline, publish));
  }

  private final Fleet fleet;
  private final Timeline timeline;
  private final boolean holdEnd;
  private final Consumer<JobStatus> publish;
  private JobStatus status;
  private long now;
  private Timeline.Hold barrier;
  private CompletionStage<Timeline.Hold> moving;
  private int seq;
  private int done;
  private CompletableFuture<Object> pending;
  private boolean finishing;

  private ScenarioRunner(
      ActorContext<Command> context,
      JobStatus initial,
      Timeline.Hold atStart,
      boolean holdEnd,
      Fleet fleet,
      Timeline timeline,
      Consumer<JobStatus> publish) {
    super(context);
    this.fleet = fleet;
    this.timeline = timeline;
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
        .onMessage(Moved.class, this::onMoved)
        .onMessage(EndReached.class, this::onEndReached)
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
                ScenarioStep.create(seq, now, call.op(), timeline, getContext().getSelf()),
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
    // every node holds the wait's end before the current hold goes, so no node runs past it
    moving = timeline.holdAt(next);
    getContext().pipeToSelf(moving, (held, e) -> new Moved(held, e, w.reply()));
    return this;
  }

  private Behavior<Command> onMoved(Moved m) {
    moving = null;
    if (m.error() != null) {
      m.reply().completeExceptionally(m.error());
      return this;
    }
    barrier.release();
    barrier = m.hold();
    now = m.hold().atMillis();
    done++;
    update(JobState.RUNNING, "wait", "");
    m.reply().complete(now);
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
    getContext().pipeToSelf(timeline.whenWatermarkReaches(now), (w, e) -> new EndReached(e));
    return this;
  }

  private Behavior<Command> onEndReached(EndReached end) {
    if (end.error() != null) {
      String reason = reason(end.error());
      update(JobState.FAILED, status.currentStep(), reason);
      event("scenario failed: " + reason, "end", Map.of("state", "failed"));
      barrier.release();
      return Behaviors.stopped();
    }
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
    if (moving != null) {
      // a hold being made for a wait is let go as soon as it is made
      moving.thenAccept(Timeline.Hold::release);
    }
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
