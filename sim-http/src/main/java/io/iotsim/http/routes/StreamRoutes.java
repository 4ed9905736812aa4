package io.iotsim.http.routes;

import io.iotsim.cluster.security.StreamPermits;
import io.iotsim.core.device.EventType;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.ApiError;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.sse.EventStream;
import io.iotsim.http.sse.SseFrames;
import io.iotsim.http.sse.TelemetryStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /api/v1/devices/stream} and {@code GET /api/v1/events/stream}: Server-Sent Events,
 * filtered by {@code device_type}, {@code ids} (comma-separated) and {@code selector}, ANDed.
 */
final class StreamRoutes extends JsonDirectives {

  private final TelemetryStream telemetry;
  private final EventStream events;
  private final StreamPermits permits;

  StreamRoutes(TelemetryStream telemetry, EventStream events, StreamPermits permits) {
    this.telemetry = telemetry;
    this.events = events;
    this.permits = permits;
  }

  /**
   * An SSE response holding one of the node's stream permits until the client goes or the stream
   * ends; 503 naming the limit when none is left.
   */
  private Route limited(Supplier<Source<ByteString, NotUsed>> frames) {
    var permit = permits.tryAcquire();
    if (permit.isEmpty()) {
      return complete(
          ApiErrors.response(
              new ApiErrors.Answer(
                  StatusCodes.SERVICE_UNAVAILABLE, ApiError.of(permits.refusal(), null))));
    }
    Source<ByteString, NotUsed> source;
    try {
      source = frames.get();
    } catch (RuntimeException e) {
      permit.get().release();
      throw e;
    }
    return complete(
        SseFrames.response(
            source.watchTermination(
                (m, done) -> {
                  done.whenComplete((d, t) -> permit.get().release());
                  return m;
                })));
  }

  Route telemetry() {
    return get(
        () ->
            filters(
                selector ->
                    parameterOptional(
                        "format",
                        format ->
                            parameterOptional(
                                "max_rate",
                                rate ->
                                    limited(
                                        () ->
                                            telemetry.frames(
                                                selector, format(format), maxRate(rate)))))));
  }

  Route events() {
    return get(
        () ->
            filters(
                selector ->
                    parameterOptional(
                        "event_types",
                        types -> limited(() -> events.frames(selector, eventTypes(types))))));
  }

  private Route filters(Function<Selector, Route> inner) {
    return parameterOptional(
        "device_type",
        type ->
            parameterOptional(
                "ids",
                ids ->
                    parameterOptional(
                        "selector",
                        sel -> inner.apply(Selection.ofQuery(type, ids, sel, "device_type")))));
  }

  private static TelemetryStream.Format format(Optional<String> text) {
    if (text.isEmpty() || text.get().equals("metric")) {
      return TelemetryStream.Format.METRIC;
    }
    if (text.get().equals("reading")) {
      return TelemetryStream.Format.READING;
    }
    throw ApiException.badRequest("format", "must be metric or reading (got '" + text.get() + "')");
  }

  private static java.util.OptionalInt maxRate(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return java.util.OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(text.get().strip());
      if (n >= 1 && n <= 1_000_000) {
        return java.util.OptionalInt.of(n);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.badRequest(
        "max_rate", "must be an integer 1..1000000 readings per second (got '" + text.get() + "')");
  }

  /** Lower-case names as events carry them: spawned, stopped, fault_injected, ... */
  private static Set<EventType> eventTypes(Optional<String> text) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (text.isEmpty()) {
      return types;
    }
    for (String name : text.get().split(",")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      try {
        types.add(EventType.valueOf(n.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("event_types", "unknown event type '" + name.strip() + "'");
      }
    }
    return types;
  }
}
