package io.iotsim.cluster.fleet;

import io.iotsim.cluster.hub.EventHub;
import io.iotsim.cluster.hub.Hub;
import io.iotsim.cluster.hub.TelemetryHub;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.device.LocalDevice;
import io.iotsim.core.selector.Selector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;

/**
 * This node's readings and events, filtered here at the source: as local feeds, and as StreamRefs
 * offered to the entry node of a stream on another node. A StreamRef only sends what its reader
 * asked for, so a slow reader fills this node's bounded queue, which drops (counted, and the count
 * travels with the next item) and never slows the devices.
 */
final class LocalFeeds {

  private final ActorSystem<?> system;
  private final TelemetryHub telemetry;
  private final EventHub events;
  private final DeviceDirectory directory;

  LocalFeeds(
      ActorSystem<?> system, TelemetryHub telemetry, EventHub events, DeviceDirectory directory) {
    this.system = system;
    this.telemetry = telemetry;
    this.events = events;
    this.directory = directory;
  }

  Hub.Feed<DeviceReading> telemetry(Selector selector, int buffer) {
    return telemetry.subscribe(
        r -> selector.isAll() || selector.matches(r.deviceId(), r.deviceType(), r.labels()),
        buffer);
  }

  Hub.Feed<LifecycleEvent> events(Selector selector, Set<EventType> types, int buffer) {
    return events.subscribe(
        e ->
            (types.isEmpty() || types.contains(e.type()))
                && (selector.isAll()
                    || e.deviceId().isEmpty()
                    || selector.matches(
                        e.deviceId(),
                        e.deviceType(),
                        directory.get(e.deviceId()).map(LocalDevice::labels).orElse(Map.of()))),
        buffer);
  }

  SourceRef<WireReading> telemetryRef(Selector selector, int buffer) {
    Hub.Feed<DeviceReading> feed = telemetry(selector, buffer);
    return feed.source()
        .map(r -> WireReading.of(r, feed.takeDropped().getAsLong()))
        .runWith(StreamRefs.sourceRef(), system);
  }

  SourceRef<WireEvent> eventsRef(Selector selector, Set<EventType> types, int buffer) {
    Hub.Feed<LifecycleEvent> feed = events(selector, types, buffer);
    return feed.source()
        .map(e -> WireEvent.of(e, feed.takeDropped().getAsLong()))
        .runWith(StreamRefs.sourceRef(), system);
  }

  /**
   * Rows offered to another node as a stream: it pulls as many as it needs and cancels the rest (an
   * offer nobody takes up ends after the stream-ref subscription timeout).
   */
  SourceRef<DeviceRow> rowsRef(List<DeviceRow> rows) {
    return Source.from(rows).runWith(StreamRefs.sourceRef(), system);
  }
}
