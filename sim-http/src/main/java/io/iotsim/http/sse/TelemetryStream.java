package io.iotsim.http.sse;

import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.hub.Hub;
import io.iotsim.cluster.metrics.StreamMetrics;
import io.iotsim.core.device.CompiledBatch;
import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.Views;
import io.iotsim.http.json.Json;
import io.iotsim.http.json.Timestamps;
import io.iotsim.http.settings.ApiServerSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Live readings as SSE. By default one event per metric of a reading ({@code {"device_id",
 * "metric", "value", "timestamp"}} plus device_type and sequence); {@code format=reading} sends one
 * event per reading with every field.
 *
 * <p>Bounded per client: readings wait only in the hub's per-subscriber queue
 * (iot-sim.telemetry.subscriber-buffer) and in one batch being written; a client that reads slower
 * than the fleet produces loses readings there, counted by the hub
 * (sim_backpressure_drops_total{stage="stream"}) and reported to the client as an event named
 * {@code dropped}. Nothing here buffers without a bound, and devices never wait for a client.
 */
public final class TelemetryStream {

  /** What one SSE event carries. */
  public enum Format {
    METRIC,
    READING
  }

  private final Fleet fleet;
  private final ApiServerSettings settings;
  private final FieldPrecision precision;

  public TelemetryStream(
      Fleet fleet, Supplier<Collection<CompiledBatch>> batches, ApiServerSettings settings) {
    this.fleet = fleet;
    this.settings = settings;
    this.precision = new FieldPrecision(batches);
  }

  public Source<ByteString, NotUsed> frames(Selector selector, Format format) {
    return frames(selector, format, java.util.OptionalInt.empty());
  }

  /**
   * @param maxRate at most this many readings a second reach the client, the rest skipped and
   *     reported in an event named {@code sampled} ({@code {"skipped": n}})
   */
  public Source<ByteString, NotUsed> frames(
      Selector selector, Format format, java.util.OptionalInt maxRate) {
    Hub.Feed<DeviceReading> feed = fleet.telemetry(selector);
    RateSampler sampler = maxRate.isPresent() ? new RateSampler(maxRate.getAsInt()) : null;
    Source<DeviceReading, NotUsed> source =
        sampler == null ? feed.source() : feed.source().filter(r -> sampler.admit());
    Source<ByteString, NotUsed> readings =
        source
            .groupedWithin(settings.sseBatchSize(), settings.sseFlushInterval())
            .map(
                batch -> {
                  StreamMetrics.telemetryBatch(batch.size());
                  return SseFrames.data(render(batch, format));
                });
    Source<ByteString, NotUsed> drops =
        Source.tick(
                settings.sseDroppedReportInterval(),
                settings.sseDroppedReportInterval(),
                NotUsed.getInstance())
            .map(t -> feed.takeDropped().getAsLong())
            .filter(n -> n > 0)
            .map(n -> SseFrames.event("dropped", Json.write(Map.of("dropped", n))))
            .mapMaterializedValue(c -> NotUsed.getInstance());
    if (sampler != null) {
      drops =
          drops.merge(
              Source.tick(
                      settings.sseDroppedReportInterval(),
                      settings.sseDroppedReportInterval(),
                      NotUsed.getInstance())
                  .map(t -> sampler.takeSkipped())
                  .filter(n -> n > 0)
                  .map(n -> SseFrames.event("sampled", Json.write(Map.of("skipped", n))))
                  .mapMaterializedValue(c -> NotUsed.getInstance()),
              true);
    }
    return Source.single(SseFrames.OPEN)
        .concat(readings.merge(drops, true))
        .keepAlive(settings.sseKeepAlive(), () -> SseFrames.KEEP_ALIVE);
  }

  List<String> render(List<DeviceReading> batch, Format format) {
    List<String> lines = new ArrayList<>(format == Format.METRIC ? batch.size() * 3 : batch.size());
    for (DeviceReading r : batch) {
      String timestamp = Timestamps.iso(r.simTimeMillis());
      if (format == Format.METRIC) {
        for (int i = 0; i < r.values().length; i++) {
          lines.add(
              Json.write(
                  new Views.MetricPoint(
                      r.deviceId(),
                      r.deviceType(),
                      r.fieldNames().get(i),
                      value(r, i),
                      timestamp,
                      r.sequence())));
        }
      } else {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < r.values().length; i++) {
          fields.put(r.fieldNames().get(i), value(r, i));
        }
        lines.add(
            Json.write(
                new Views.ReadingPoint(
                    r.deviceId(), r.deviceType(), timestamp, r.sequence(), fields, r.labels())));
      }
    }
    return lines;
  }

  /** Numbers at their field's precision; a corrupted reading's NaN has no JSON number: null. */
  private Object value(DeviceReading r, int i) {
    Object v = r.values()[i];
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : precision.round(r.fieldNames(), i, d);
    }
    return v;
  }
}
