package io.iotsim.cluster.time;

import io.iotsim.core.clock.SimClock;
import io.iotsim.core.schedule.TickScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Simulated time of the whole cluster, for scenario jobs: a hold is made on this node at once and
 * on every other node through its {@link TimeAgent}; a watermark is reached when every node's is.
 * The nodes are the agents the Receptionist lists (kept current by this node's agent). A node that
 * joins after a hold was made is not held by it.
 */
public final class ClusterTimeline implements Timeline {

  private final TickScheduler<?> scheduler;
  private final SimClock clock;
  private final Scheduler timers;
  private final Duration askTimeout;
  private final Duration watermarkTimeout;
  private volatile ActorRef<TimeAgent.Command> local;
  private volatile Set<ActorRef<TimeAgent.Command>> agents = Set.of();

  /**
   * @param askTimeout how long a node may take to confirm a hold or a speed change
   * @param watermarkTimeout how long, beyond the wall time simulated time needs at the current
   *     speed, another node's watermark may take to reach a time (at max speed: in all)
   */
  public ClusterTimeline(
      TickScheduler<?> scheduler,
      SimClock clock,
      Scheduler timers,
      Duration askTimeout,
      Duration watermarkTimeout) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.timers = timers;
    this.askTimeout = askTimeout;
    this.watermarkTimeout = watermarkTimeout;
  }

  void localAgent(ActorRef<TimeAgent.Command> agent) {
    this.local = agent;
  }

  void agents(Set<ActorRef<TimeAgent.Command>> all) {
    this.agents = Set.copyOf(all);
  }

  /** How many nodes' agents this node knows (itself included once its agent runs). */
  public int nodes() {
    return agents.size();
  }

  private List<ActorRef<TimeAgent.Command>> others() {
    List<ActorRef<TimeAgent.Command>> out = new ArrayList<>();
    ActorRef<TimeAgent.Command> me = local;
    for (ActorRef<TimeAgent.Command> a : agents) {
      if (!a.equals(me)) {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public CompletionStage<Hold> holdAt(long simMillis) {
    TickScheduler.Barrier here = scheduler.holdAt(simMillis);
    List<ActorRef<TimeAgent.Command>> remotes = others();
    ActorRef<TimeAgent.Command> me = local;
    if (remotes.isEmpty() || me == null) {
      return CompletableFuture.completedFuture(LocalTimeline.wrap(here));
    }
    String id = UUID.randomUUID().toString();
    AtomicBoolean released = new AtomicBoolean();
    Hold hold =
        new Hold() {
          @Override
          public long atMillis() {
            return simMillis;
          }

          @Override
          public void release() {
            if (released.compareAndSet(false, true)) {
              for (ActorRef<TimeAgent.Command> a : remotes) {
                a.tell(new TimeAgent.Release(id));
              }
              here.release();
            }
          }
        };
    List<CompletableFuture<TimeAgent.Held>> asks = new ArrayList<>();
    for (ActorRef<TimeAgent.Command> a : remotes) {
      asks.add(
          AskPattern.<TimeAgent.Command, TimeAgent.Held>ask(
                  a, replyTo -> new TimeAgent.Hold(id, simMillis, me, replyTo), askTimeout, timers)
              .toCompletableFuture()
              .exceptionally(
                  e -> {
                    throw new CompletionException(
                        new IllegalStateException(
                            "node "
                                + TimeAgent.nodeOf(a)
                                + " did not hold simulated time at "
                                + simMillis
                                + " within "
                                + askTimeout.toMillis()
                                + " ms",
                            e));
                  }));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .handle(
            (x, e) -> {
              if (e != null) {
                hold.release();
                throw e instanceof CompletionException ce ? ce : new CompletionException(e);
              }
              return hold;
            });
  }

  @Override
  public CompletionStage<Long> whenWatermarkReaches(long simMillis) {
    CompletableFuture<Long> here = scheduler.whenWatermarkReaches(simMillis);
    List<ActorRef<TimeAgent.Command>> remotes = others();
    if (remotes.isEmpty()) {
      return here;
    }
    Duration timeout = watermarkTimeout.plus(wallTimeUntil(simMillis));
    List<CompletableFuture<?>> all = new ArrayList<>();
    all.add(here);
    for (ActorRef<TimeAgent.Command> a : remotes) {
      all.add(
          AskPattern.<TimeAgent.Command, TimeAgent.WatermarkReached>ask(
                  a, replyTo -> new TimeAgent.AwaitWatermark(simMillis, replyTo), timeout, timers)
              .toCompletableFuture()
              .exceptionally(
                  e -> {
                    throw new CompletionException(
                        new IllegalStateException(
                            "node "
                                + TimeAgent.nodeOf(a)
                                + ": watermark did not reach "
                                + simMillis
                                + " within "
                                + timeout.toMillis()
                                + " ms",
                            e));
                  }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(x -> here.join());
  }

  private Duration wallTimeUntil(long simMillis) {
    if (clock.isMaxSpeed()) {
      return Duration.ZERO;
    }
    long ahead = Math.max(0, simMillis - clock.simNowMillis());
    return Duration.ofMillis((long) (ahead / clock.speed()));
  }

  @Override
  public CompletionStage<Long> afterPendingCommands() {
    // other nodes' devices answered the step before it completed, after their own registrations:
    // those are in their schedulers' queues before any release from this node reaches them
    return scheduler.afterPendingCommands();
  }

  @Override
  public CompletionStage<ClockEpoch> changeSpeed(double speed) {
    ActorRef<TimeAgent.Command> me = local;
    if (me == null) {
      return new LocalTimeline(scheduler, clock).changeSpeed(speed);
    }
    CompletableFuture<ClockEpoch> reply = new CompletableFuture<>();
    me.tell(new TimeAgent.ChangeSpeed(speed, reply));
    return reply.orTimeout(askTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  /** Joins the cluster's clock through this node's agent (proposing this node's clock). */
  public CompletionStage<ClockEpoch> adopt(ActorRef<TimeAgent.Command> me, ClockEpoch proposal) {
    local = me;
    CompletableFuture<ClockEpoch> reply = new CompletableFuture<>();
    me.tell(new TimeAgent.Adopt(proposal, reply));
    return reply.orTimeout(askTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }
}
