package io.iotsim.cluster.fleet;

import io.iotsim.cluster.guardian.Spawner;
import io.iotsim.cluster.registry.ReplicatedRegistry;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDetail;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LocalDevice;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.TopicRules;
import io.iotsim.core.profile.TopicTemplates;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The fleet operations on the devices of this node's directory: what a node's {@link FleetAgent}
 * does when the entry node asks it. Counts by state, pages, details, and changes by selection
 * counted with one {@link AckCollector} per request.
 */
final class LocalFleet {

  private final ActorSystem<?> system;
  private final Spawner children;
  private final ReplicatedRegistry registry;
  private final DeviceDirectory directory;
  private final Duration askTimeout;

  LocalFleet(
      ActorSystem<?> system,
      Spawner children,
      ReplicatedRegistry registry,
      DeviceDirectory directory,
      Duration askTimeout) {
    this.system = system;
    this.children = children;
    this.registry = registry;
    this.directory = directory;
    this.askTimeout = askTimeout;
  }

  int size() {
    return directory.size();
  }

  FleetStatus status(Selector selector) {
    Map<String, Long> byState = new TreeMap<>();
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    long[] total = {0};
    directory.forEachMatching(
        selector,
        d -> {
          String state = d.state().label();
          byState.merge(state, 1L, Long::sum);
          byType.computeIfAbsent(d.type(), t -> new TreeMap<>()).merge(state, 1L, Long::sum);
          total[0]++;
        });
    return new FleetStatus(total[0], byState, byType);
  }

  DevicePage page(Selector selector, Optional<Lifecycle> state, int limit, String cursor) {
    List<LocalDevice> page = new ArrayList<>(limit);
    String last = null;
    boolean more = false;
    for (LocalDevice d : directory.after(cursor)) {
      if (state.isPresent() && d.state() != state.get()) {
        continue;
      }
      if (!selector.isAll() && !selector.matches(d.id(), d.type(), d.labels())) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(d);
      last = d.id();
    }
    return new DevicePage(page, more ? last : null);
  }

  /** This node's matching devices as the table's rows, in its order. */
  List<DeviceRow> table(
      Selector selector,
      Optional<Lifecycle> state,
      DeviceTable.Sort sort,
      boolean descending,
      String node) {
    return DeviceTable.sorted(directory, selector, state, sort, descending, node);
  }

  CompletionStage<Optional<DeviceDetail>> get(String deviceId) {
    Optional<LocalDevice> d = directory.get(deviceId);
    if (d.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return AskPattern.<DeviceActor.Command, DeviceDetail>ask(
            d.get().ref(), DeviceActor.GetDetail::new, askTimeout, system.scheduler())
        .thenApply(Optional::of);
  }

  List<String> ids(Selector selector) {
    List<String> ids = new ArrayList<>();
    directory.forEachMatching(selector, d -> ids.add(d.id()));
    java.util.Collections.sort(ids);
    return ids;
  }

  /**
   * Checks a change against the profiles of the devices it selects here, before any device (on any
   * node) gets it.
   *
   * @return how many devices here it selects
   * @throws IllegalArgumentException naming the field, when the change cannot apply
   */
  int check(Selector selector, FleetAgent.Change change) {
    List<LocalDevice> targets = directory.matching(selector);
    if (change.fault() != null) {
      change.fault().checkAgainst(profilesOf(targets));
    }
    if (change.update() != null) {
      change.update().checkAgainst(profilesOf(targets));
      checkTopics(targets, change.update());
    }
    return targets.size();
  }

  /** Applies a change to the selected devices here; completes with (matched, changed). */
  CompletionStage<int[]> apply(Selector selector, FleetAgent.Change change) {
    List<LocalDevice> targets = directory.matching(selector);
    Function<ActorRef<DeviceActor.Ack>, DeviceActor.Command> command = command(change);
    CompletableFuture<AckCollector.Result> done = new CompletableFuture<>();
    return children
        .spawn(
            AckCollector.create(
                targets.size(), DeviceActor.Ack.class, DeviceActor.Ack::changed, askTimeout, done),
            change.op().name().toLowerCase(java.util.Locale.ROOT))
        .thenCompose(
            collector -> {
              DeviceActor.Command message = command.apply(collector);
              for (LocalDevice d : targets) {
                d.ref().tell(message);
              }
              return done;
            })
        .thenApply(r -> new int[] {targets.size(), r.counted()});
  }

  private static Function<ActorRef<DeviceActor.Ack>, DeviceActor.Command> command(
      FleetAgent.Change change) {
    FaultSpec fault = change.fault();
    BehaviourUpdate update = change.update();
    return switch (change.op()) {
      case STOP -> DeviceActor.Stop::new;
      case PAUSE -> DeviceActor.Pause::new;
      case RESUME -> DeviceActor.Resume::new;
      case FAULT -> replyTo -> new DeviceActor.InjectFault(fault, replyTo);
      case UPDATE -> replyTo -> new DeviceActor.Update(update, replyTo);
    };
  }

  /**
   * New label values must still make a topic the batch's protocol can take (length limits: the
   * label rules already refuse wildcards and NUL), checked per batch before any device changes.
   */
  private void checkTopics(List<LocalDevice> targets, BehaviourUpdate update) {
    if (update.setLabels().isEmpty()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (LocalDevice d : targets) {
      if (seen.add(d.batchId())) {
        registry
            .batchOf(d.id())
            .ifPresent(
                b -> {
                  Map<String, String> labels = new LinkedHashMap<>(b.profile().labels());
                  labels.putAll(b.labels());
                  labels.putAll(update.setLabels());
                  update.removeLabels().forEach(labels::remove);
                  try {
                    TopicRules.check(b.profile(), labels);
                  } catch (IllegalArgumentException e) {
                    // name the label this update sets (the rule names the longest one in the topic)
                    String set =
                        TopicTemplates.labels(b.profile().topicTemplate()).stream()
                            .filter(update.setLabels()::containsKey)
                            .findFirst()
                            .orElseThrow(() -> e);
                    String why = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
                    throw new IllegalArgumentException("set_labels." + set + ": " + why, e);
                  }
                });
      }
    }
  }

  /** The distinct profiles of {@code devices}, one look-up per batch. */
  private Collection<DeviceProfile> profilesOf(List<LocalDevice> devices) {
    Map<String, DeviceProfile> byBatch = new HashMap<>();
    for (LocalDevice d : devices) {
      if (!byBatch.containsKey(d.batchId())) {
        registry.batchOf(d.id()).ifPresent(b -> byBatch.put(d.batchId(), b.profile()));
      }
    }
    return new LinkedHashSet<>(byBatch.values());
  }
}
