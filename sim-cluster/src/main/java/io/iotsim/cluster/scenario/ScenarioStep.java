package io.iotsim.cluster.scenario;

import io.iotsim.cluster.time.Timeline;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One step of a scenario job, a child of the job: waits until every reading before the step's
 * simulated time has been produced on every node (time is held there by the job), applies the step
 * to the fleet, waits until the scheduler has taken in what the step changed (spawned or
 * rescheduled devices), reports to the job and stops.
 */
final class ScenarioStep extends AbstractBehavior<ScenarioStep.Command> {

  interface Command extends org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  private record Reached() implements Command {}

  private record Applied(Object result, Throwable error) implements Command {}

  static Behavior<Command> create(
      int seq,
      long simMillis,
      LongFunction<CompletionStage<?>> op,
      Timeline timeline,
      ActorRef<ScenarioRunner.Command> job) {
    return Behaviors.setup(ctx -> new ScenarioStep(ctx, seq, simMillis, op, timeline, job));
  }

  private final int seq;
  private final long simMillis;
  private final LongFunction<CompletionStage<?>> op;
  private final Timeline timeline;
  private final ActorRef<ScenarioRunner.Command> job;

  private ScenarioStep(
      ActorContext<Command> context,
      int seq,
      long simMillis,
      LongFunction<CompletionStage<?>> op,
      Timeline timeline,
      ActorRef<ScenarioRunner.Command> job) {
    super(context);
    this.seq = seq;
    this.simMillis = simMillis;
    this.op = op;
    this.timeline = timeline;
    this.job = job;
    context.pipeToSelf(
        timeline.whenWatermarkReaches(simMillis),
        (w, e) -> e == null ? new Reached() : new Applied(null, e));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reached.class, r -> onReached())
        .onMessage(Applied.class, this::onApplied)
        .build();
  }

  private Behavior<Command> onReached() {
    CompletionStage<?> applied;
    try {
      applied = op.apply(simMillis);
    } catch (RuntimeException e) {
      return onApplied(new Applied(null, e));
    }
    getContext()
        .pipeToSelf(
            applied.thenCompose(r -> timeline.afterPendingCommands().thenApply(x -> r)),
            (r, e) -> new Applied(r, e));
    return this;
  }

  private Behavior<Command> onApplied(Applied a) {
    Throwable e = a.error();
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    job.tell(new ScenarioRunner.StepDone(seq, a.result(), e));
    return Behaviors.stopped();
  }
}
