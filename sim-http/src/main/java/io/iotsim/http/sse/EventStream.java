package io.iotsim.http.sse;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.hub.Hub;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.Views;
import io.iotsim.http.json.Json;
import io.iotsim.http.json.Timestamps;
import io.iotsim.http.settings.ApiServerSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Lifecycle and control events as SSE, one event each ({@code device_id, event_type, message,
 * timestamp, metadata}, plus device_type); bounded per client like {@link TelemetryStream}.
 */
public final class EventStream {

  private final Fleet fleet;
  private final ApiServerSettings settings;

  public EventStream(Fleet fleet, ApiServerSettings settings) {
    this.fleet = fleet;
    this.settings = settings;
  }

  public Source<ByteString, NotUsed> frames(Selector selector, Set<EventType> types) {
    Hub.Feed<LifecycleEvent> feed = fleet.events(selector, types);
    Source<ByteString, NotUsed> events =
        feed.source().map(e -> SseFrames.data(List.of(Json.write(view(e)))));
    Source<ByteString, NotUsed> drops =
        Source.tick(
                settings.sseDroppedReportInterval(),
                settings.sseDroppedReportInterval(),
                NotUsed.getInstance())
            .map(t -> feed.takeDropped().getAsLong())
            .filter(n -> n > 0)
            .map(n -> SseFrames.event("dropped", Json.write(Map.of("dropped", n))))
            .mapMaterializedValue(c -> NotUsed.getInstance());
    return Source.single(SseFrames.OPEN)
        .concat(events.merge(drops, true))
        .keepAlive(settings.sseKeepAlive(), () -> SseFrames.KEEP_ALIVE);
  }

  static Views.Event view(LifecycleEvent e) {
    return new Views.Event(
        e.deviceId(),
        e.deviceType(),
        e.eventName(),
        e.message(),
        Timestamps.iso(e.simTimeMillis()),
        e.metadata());
  }
}
