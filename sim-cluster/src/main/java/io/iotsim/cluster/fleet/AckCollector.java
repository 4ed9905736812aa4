package io.iotsim.cluster.fleet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Counts the replies of a fleet operation (one per device told) and completes a future, when all
 * have answered or at the timeout with what came. One short-lived actor per request instead of an
 * ask per device.
 */
public final class AckCollector<R> extends AbstractBehavior<Object> {

  /** What the collector completes with: replies received, of which {@code counted} matched. */
  public record Result(int replies, int counted, boolean timedOut) {}

  private enum Timeout implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  public static <R> Behavior<R> create(
      int expected,
      Class<R> replyType,
      Predicate<R> counts,
      Duration timeout,
      CompletableFuture<Result> result) {
    if (expected == 0) {
      result.complete(new Result(0, 0, false));
      return Behaviors.<Object>stopped().narrow();
    }
    return Behaviors.<Object>setup(
            ctx ->
                Behaviors.withTimers(
                    timers -> {
                      timers.startSingleTimer(Timeout.INSTANCE, timeout);
                      return new AckCollector<>(ctx, expected, replyType, counts, result);
                    }))
        .narrow();
  }

  private final int expected;
  private final Class<R> replyType;
  private final Predicate<R> counts;
  private final CompletableFuture<Result> result;
  private int replies;
  private int counted;

  private AckCollector(
      ActorContext<Object> context,
      int expected,
      Class<R> replyType,
      Predicate<R> counts,
      CompletableFuture<Result> result) {
    super(context);
    this.expected = expected;
    this.replyType = replyType;
    this.counts = counts;
    this.result = result;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(replyType, this::onReply)
        .onMessageEquals(Timeout.INSTANCE, this::onTimeout)
        .build();
  }

  private Behavior<Object> onReply(R reply) {
    replies++;
    if (counts.test(reply)) {
      counted++;
    }
    if (replies == expected) {
      result.complete(new Result(replies, counted, false));
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Object> onTimeout() {
    result.complete(new Result(replies, counted, true));
    return Behaviors.stopped();
  }
}
