package io.iotsim.cluster.fleet;

import io.iotsim.cluster.hub.Hub;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.time.Durations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The faults active on this node (its {@link FleetAgent} answers with them; {@link FleetMerge}
 * joins every node's), grouped as they were injected (type, simulated window, parameters) with the
 * devices that carry them, kept from the devices' own fault_injected and fault_cleared events:
 * faults from REST, gRPC, the CLI and scenarios all show, and nothing asks the device actors. A
 * group disappears when its last device clears it or its simulated window has passed; a stopped
 * device leaves every group.
 */
final class FaultBoard {

  /**
   * Enough for a fault injected into (or a stop of) a million devices at once; the hub's queue
   * holds only what waits, so the bound costs nothing until it is used. Past it, losses are
   * counted.
   */
  private static final int BUFFER = 1 << 20;

  private record Key(String fault, long start, long end, Map<String, String> params) {}

  private final SimClock clock;
  private final Map<Key, Set<String>> groups = new LinkedHashMap<>();
  private final Map<Key, Set<String>> types = new LinkedHashMap<>();
  private final Hub.Feed<LifecycleEvent> feed;
  private long lost;

  FaultBoard(Hub<LifecycleEvent> events, SimClock clock, ActorSystem<?> system) {
    this.clock = clock;
    Set<EventType> wanted =
        EnumSet.of(EventType.FAULT_INJECTED, EventType.FAULT_CLEARED, EventType.STOPPED);
    this.feed = events.subscribe(e -> wanted.contains(e.type()), BUFFER);
    feed.source().runWith(Sink.foreach(this::on), Materializer.matFromSystem(system));
  }

  private synchronized void on(LifecycleEvent e) {
    if (e.type() == EventType.STOPPED) {
      // a stopped device carries no fault any more, and never sends fault_cleared
      for (Iterator<Map.Entry<Key, Set<String>>> it = groups.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Key, Set<String>> g = it.next();
        if (g.getValue().remove(e.deviceId()) && g.getValue().isEmpty()) {
          it.remove();
          types.remove(g.getKey());
        }
      }
      return;
    }
    Map<String, String> params = new TreeMap<>(e.metadata());
    String fault = params.remove("fault");
    if (fault == null) {
      return;
    }
    fault = fault.toLowerCase(java.util.Locale.ROOT);
    if (e.type() == EventType.FAULT_INJECTED) {
      String duration = params.remove("duration");
      long millis = duration == null ? 0 : Durations.parse(duration).toMillis();
      Key key = new Key(fault, e.simTimeMillis(), e.simTimeMillis() + millis, params);
      groups.computeIfAbsent(key, k -> new HashSet<>()).add(e.deviceId());
      types.computeIfAbsent(key, k -> new TreeSet<>()).add(e.deviceType());
    } else {
      for (Iterator<Map.Entry<Key, Set<String>>> it = groups.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Key, Set<String>> g = it.next();
        Key k = g.getKey();
        if (k.fault().equals(fault)
            && k.end() == e.simTimeMillis()
            && k.params().equals(params)
            && g.getValue().remove(e.deviceId())) {
          if (g.getValue().isEmpty()) {
            it.remove();
            types.remove(k);
          }
          break;
        }
      }
    }
  }

  /** The active groups, soonest to end first. */
  synchronized List<ActiveFault> active() {
    lost += feed.takeDropped().getAsLong();
    long now = clock.simNowMillis();
    List<ActiveFault> out = new ArrayList<>();
    for (Iterator<Map.Entry<Key, Set<String>>> it = groups.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Set<String>> g = it.next();
      Key k = g.getKey();
      if (k.end() <= now) {
        it.remove();
        types.remove(k);
        continue;
      }
      out.add(
          new ActiveFault(
              k.fault(),
              k.start(),
              k.end(),
              g.getValue().size(),
              List.copyOf(types.get(k)),
              k.params()));
    }
    out.sort(ActiveFault.SOONEST_END);
    return out;
  }

  /**
   * Fault events this board missed because they came faster than it read them (counts may be low).
   */
  synchronized long lost() {
    return lost;
  }
}
