package io.iotsim.http.routes;

import io.iotsim.core.time.Durations;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.FaultRequest;
import io.iotsim.http.api.ScenarioRequest;
import io.iotsim.http.api.UpdateRequest;
import io.iotsim.http.control.LiveControl;
import io.iotsim.proto.simulator.v1.FaultType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Faults ({@code POST /faults}), live updates ({@code POST /devices/update}) and scenario jobs
 * ({@code /scenarios}). Requests are validated here (400 naming the field) and handed to a
 * {@link LiveControl}.
 */
final class ControlRoutes extends JsonDirectives {

  private final LiveControl control;

  ControlRoutes(LiveControl control) {
    this.control = control;
  }

  Route faults() {
    return post(() -> body(FaultRequest.class, this::fault));
  }

  Route update() {
    return post(() -> body(UpdateRequest.class, this::update));
  }

  Route scenarios() {
    return concat(
        pathEnd(
            () ->
                concat(
                    get(() -> ok(control.scenarios())),
                    post(() -> submission(s -> onSuccess(control.submitScenario(s.source(), Optional.ofNullable(s.name())), job -> answer(StatusCodes.CREATED, job)))))),
        path(
            PathMatchers.segment(),
            id ->
                concat(
                    get(() -> onSuccess(control.scenario(id), job -> ok(job.orElseThrow(() -> unknownScenario(id))))),
                    delete(() -> onSuccess(control.cancelScenario(id), job -> ok(job.orElseThrow(() -> unknownScenario(id))))))));
  }

  private Route fault(FaultRequest r) {
    var selector = Selections.of(r);
    if (r.faultType() == null) {
      throw ApiException.badRequest("fault_type", "required: one of " + faultNames());
    }
    FaultType type = faultType(r.faultType());
    if (r.duration() == null) {
      throw ApiException.badRequest("duration", "required, e.g. \"60s\" (simulated time)");
    }
    Duration duration = duration("duration", r.duration());
    Map<String, Object> params = r.params() == null ? Map.of() : r.params();
    return onSuccess(control.injectFault(selector, type, duration, params), n -> ok(Map.of("affected_devices", n)));
  }

  private Route update(UpdateRequest r) {
    var selector = Selections.of(r);
    Optional<Duration> interval =
        r.telemetryInterval() == null ? Optional.empty() : Optional.of(duration("telemetry_interval", r.telemetryInterval()));
    var fields = r.telemetryFields() == null ? Map.<String, com.fasterxml.jackson.databind.JsonNode>of() : r.telemetryFields();
    fields.forEach(
        (name, generator) -> {
          if (generator == null || !generator.isObject() || !generator.has("type")) {
            throw ApiException.badRequest("telemetry_fields." + name, "must be a generator object with a type");
          }
        });
    Map<String, String> set = r.setLabels() == null ? Map.of() : r.setLabels();
    List<String> remove = r.removeLabels() == null ? List.of() : r.removeLabels();
    if (interval.isEmpty() && fields.isEmpty() && set.isEmpty() && remove.isEmpty()) {
      throw ApiException.badRequest(
          "telemetry_interval", "nothing to update: give telemetry_interval, telemetry_fields, set_labels or remove_labels");
    }
    return onSuccess(
        control.update(selector, new LiveControl.BehaviourUpdate(interval, fields, set, remove)), n -> ok(Map.of("updated", n)));
  }

  /** A scenario as JSON ({@code {"source": yaml, "name": ...}}) or as the YAML file itself. */
  private Route submission(java.util.function.Function<ScenarioRequest, Route> inner) {
    return extractRequestEntity(
        entity -> {
          String media = entity.getContentType().mediaType().toString();
          if (media.equals("application/json")) {
            return body(ScenarioRequest.class, s -> {
              if (s.source() == null || s.source().isBlank()) {
                throw ApiException.badRequest("source", "required: the scenario's YAML text");
              }
              return inner.apply(s);
            });
          }
          return entity(
              Unmarshaller.entityToString(),
              yaml -> {
                if (yaml.isBlank()) {
                  throw ApiException.badRequest("body", "required: the scenario's YAML (or JSON {\"source\": ...})");
                }
                return inner.apply(new ScenarioRequest(yaml, null));
              });
        });
  }

  private static ApiException unknownScenario(String id) {
    return ApiException.notFound("scenario_id", "scenario_id: no scenario '" + id + "'");
  }

  private static FaultType faultType(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT);
    try {
      FaultType t = FaultType.valueOf(n.startsWith("FAULT_TYPE_") ? n : "FAULT_TYPE_" + n);
      if (t != FaultType.FAULT_TYPE_UNSPECIFIED) {
        return t;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    throw ApiException.badRequest("fault_type", "must be one of " + faultNames() + " (got '" + name + "')");
  }

  static String faultNames() {
    StringBuilder b = new StringBuilder();
    for (FaultType t : FaultType.values()) {
      if (t != FaultType.FAULT_TYPE_UNSPECIFIED && t != FaultType.UNRECOGNIZED) {
        b.append(b.length() == 0 ? "" : ", ").append(t.name().substring("FAULT_TYPE_".length()).toLowerCase(Locale.ROOT));
      }
    }
    return b.toString();
  }

  private static Duration duration(String field, String text) {
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
    if (d.isZero()) {
      throw ApiException.badRequest(field, "must be > 0");
    }
    return d;
  }
}
