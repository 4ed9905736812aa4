package io.iotsim.cluster.scenario;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.fleet.FleetStatus;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceIds;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.scenario.FleetCounts;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.ScenarioContext;
import io.iotsim.core.scenario.ScenarioFailedException;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link ScenarioContext} of a job: the script's thread sends each call to the job actor and
 * waits for it (the one place a scenario blocks, and it is the script's own thread).
 */
final class JobContext implements ScenarioContext {

  private final ActorRef<ScenarioRunner.Command> job;
  private final Fleet fleet;
  private final ProfileResolver profiles;
  private volatile long now;

  JobContext(
      ActorRef<ScenarioRunner.Command> job, Fleet fleet, ProfileResolver profiles, long start) {
    this.job = job;
    this.fleet = fleet;
    this.profiles = profiles;
    this.now = start;
  }

  private Object call(String label, LongFunction<CompletionStage<?>> op) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    job.tell(new ScenarioRunner.Call(label, op, reply));
    return await(reply, label);
  }

  private static Object await(CompletableFuture<Object> reply, String label) {
    try {
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScenarioFailedException(label + ": interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.util.concurrent.CancellationException c) {
        throw c;
      }
      Throwable root = cause;
      while (root instanceof java.util.concurrent.CompletionException && root.getCause() != null) {
        root = root.getCause();
      }
      if (root instanceof io.iotsim.cluster.fleet.NoDeviceMatchedException) {
        return 0; // a scenario step may select a batch that is empty by now: it changed nothing
      }
      throw new ScenarioFailedException(label + ": " + ScenarioRunner.reason(cause), cause);
    }
  }

  @Override
  public List<String> spawn(DeviceProfile profile, int count, Map<String, String> labels) {
    Object r =
        call(
            "spawn " + count + " " + profile.type(),
            t ->
                fleet
                    .spawnAt(profile, count, labels, t)
                    .thenApply(
                        s -> {
                          List<String> ids = new ArrayList<>(s.count());
                          for (long i = s.firstIndex(); i < s.firstIndex() + s.count(); i++) {
                            ids.add(DeviceIds.format(s.deviceType(), i));
                          }
                          return ids;
                        }));
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) r;
    return ids;
  }

  @Override
  public List<String> spawn(String profile, int count, Map<String, String> labels) {
    return spawn(profiles.resolve(profile), count, labels);
  }

  @Override
  public int stop(Selector selector) {
    return (Integer) call("stop " + selector, t -> fleet.stop(selector));
  }

  @Override
  public int pause(Selector selector) {
    return (Integer) call("pause " + selector, t -> fleet.pause(selector));
  }

  @Override
  public int resume(Selector selector) {
    return (Integer) call("resume " + selector, t -> fleet.resume(selector));
  }

  @Override
  public int injectFault(
      Selector selector, FaultType type, Duration duration, Map<String, ?> params) {
    FaultSpec.of(type, 0, duration, params);
    return (Integer)
        call(
            "fault " + type.yamlName() + " " + selector,
            t -> fleet.injectFault(selector, type, t, duration, params));
  }

  @Override
  public int update(Selector selector, BehaviourUpdate update) {
    return (Integer) call("update " + selector, t -> fleet.update(selector, update.at(t)));
  }

  @Override
  public void waitFor(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("wait: must be >= 0 (got " + duration + ")");
    }
    CompletableFuture<Object> reply = new CompletableFuture<>();
    job.tell(new ScenarioRunner.Wait(duration.toMillis(), reply));
    now = (Long) await(reply, "wait");
  }

  @Override
  public void log(String message) {
    call("log " + message, t -> CompletableFuture.completedFuture(message));
  }

  @Override
  public FleetCounts status() {
    FleetStatus s =
        (FleetStatus)
            call("status", t -> CompletableFuture.completedFuture(fleet.status(Selector.all())));
    return new FleetCounts(s.total(), s.byState(), s.byType());
  }

  @Override
  public List<String> ids(Selector selector) {
    @SuppressWarnings("unchecked")
    List<String> ids =
        (List<String>)
            call("select " + selector, t -> CompletableFuture.completedFuture(fleet.ids(selector)));
    return ids;
  }

  @Override
  public long simNowMillis() {
    return now;
  }
}
