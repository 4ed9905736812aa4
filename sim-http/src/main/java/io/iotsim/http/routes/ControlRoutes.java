package io.iotsim.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.scenario.JobStatus;
import io.iotsim.cluster.scenario.ScenarioJobs;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.time.Durations;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.FaultRequest;
import io.iotsim.http.api.ScenarioRequest;
import io.iotsim.http.api.UpdateRequest;
import io.iotsim.http.api.Views;
import io.iotsim.http.json.Timestamps;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Faults ({@code POST /faults}), live updates ({@code POST /devices/update}) and scenario jobs
 * ({@code /scenarios}). Requests are validated here (400 naming the field) into the same node calls
 * the gRPC service makes: {@link Fleet#injectFault}, {@link Fleet#update} and {@link ScenarioJobs}.
 */
final class ControlRoutes extends JsonDirectives {

  private final Fleet fleet;
  private final ScenarioJobs jobs;

  ControlRoutes(Fleet fleet, ScenarioJobs jobs) {
    this.fleet = fleet;
    this.jobs = jobs;
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
                    get(() -> ok(jobs.list().stream().map(ControlRoutes::view).toList())),
                    post(
                        () ->
                            submission(
                                s ->
                                    onSuccess(
                                        jobs.submit(
                                            s.source(),
                                            Optional.ofNullable(s.name()),
                                            Optional.empty()),
                                        job -> answer(StatusCodes.CREATED, view(job))))))),
        path(
            PathMatchers.segment(),
            id ->
                concat(
                    get(() -> ok(view(jobs.get(id).orElseThrow(() -> unknownScenario(id))))),
                    delete(
                        () ->
                            onSuccess(
                                jobs.cancel(id),
                                job -> ok(view(job.orElseThrow(() -> unknownScenario(id)))))))));
  }

  private Route fault(FaultRequest r) {
    var selector = Selection.of(r);
    if (r.faultType() == null) {
      throw ApiException.badRequest("fault_type", "required: one of " + faultNames());
    }
    FaultType type = FaultType.parse(r.faultType(), "fault_type");
    if (r.duration() == null) {
      throw ApiException.badRequest("duration", "required, e.g. \"60s\" (simulated time)");
    }
    Duration duration = duration("duration", r.duration());
    Map<String, Object> params = params(r.params());
    var fault =
        io.iotsim.core.fault.FaultSpec.of(type, fleet.clock().simNowMillis(), duration, params);
    return onSuccess(
        fleet.clusterFault(selector, fault),
        a -> ok(Map.of("affected_devices", a.value(), "missing_nodes", a.missingNodes())));
  }

  private Route update(UpdateRequest r) {
    var selector = Selection.of(r);
    Optional<Duration> interval =
        r.telemetryInterval() == null
            ? Optional.empty()
            : Optional.of(duration("telemetry_interval", r.telemetryInterval()));
    var fields = r.telemetryFields() == null ? Map.<String, JsonNode>of() : r.telemetryFields();
    fields.forEach(
        (name, generator) -> {
          if (generator == null || !generator.isObject() || !generator.has("type")) {
            throw ApiException.badRequest(
                "telemetry_fields." + name, "must be a generator object with a type");
          }
        });
    Map<String, String> set = r.setLabels() == null ? Map.of() : r.setLabels();
    List<String> remove = r.removeLabels() == null ? List.of() : r.removeLabels();
    if (interval.isEmpty() && fields.isEmpty() && set.isEmpty() && remove.isEmpty()) {
      throw ApiException.badRequest(
          "telemetry_interval",
          "nothing to update: give telemetry_interval, telemetry_fields, set_labels or remove_labels");
    }
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    fields.forEach(tree::set);
    BehaviourUpdate update =
        BehaviourUpdate.of(interval.orElse(null), tree, set, remove, fleet.clock().simNowMillis());
    return onSuccess(
        fleet.clusterUpdate(selector, update),
        a -> ok(Map.of("updated", a.value(), "missing_nodes", a.missingNodes())));
  }

  /** A scenario as JSON ({@code {"source": yaml, "name": ...}}) or as the YAML file itself. */
  private Route submission(java.util.function.Function<ScenarioRequest, Route> inner) {
    return extractRequestEntity(
        entity -> {
          String media = entity.getContentType().mediaType().toString();
          if (media.equals("application/json")) {
            return body(
                ScenarioRequest.class,
                s -> {
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
                  throw ApiException.badRequest(
                      "body", "required: the scenario's YAML (or JSON {\"source\": ...})");
                }
                return inner.apply(new ScenarioRequest(yaml, null));
              });
        });
  }

  private static ApiException unknownScenario(String id) {
    return ApiException.notFound("scenario_id", "scenario_id: no scenario '" + id + "'");
  }

  static String faultNames() {
    StringBuilder b = new StringBuilder();
    for (FaultType t : FaultType.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(t.yamlName());
    }
    return b.toString();
  }

  /** Fault parameters: numbers stay numbers, strings and booleans become text. */
  private static Map<String, Object> params(Map<String, Object> given) {
    Map<String, Object> out = new TreeMap<>();
    if (given != null) {
      given.forEach(
          (k, v) -> {
            if (v instanceof Number || v instanceof String) {
              out.put(k, v);
            } else if (v instanceof Boolean b) {
              out.put(k, b.toString());
            } else {
              throw ApiException.badRequest("params." + k, "must be a number or a string");
            }
          });
    }
    return out;
  }

  /** A job as REST shows it: lower-case state, ISO-8601 times. */
  static Views.ScenarioJob view(JobStatus s) {
    return new Views.ScenarioJob(
        s.id(),
        s.name(),
        s.state().name().toLowerCase(Locale.ROOT),
        s.stepsTotal(),
        s.stepsDone(),
        s.currentStep(),
        s.failureReason().isEmpty() ? null : s.failureReason(),
        Timestamps.iso(s.submittedAtMillis()),
        Timestamps.iso(s.simTimeMillis()));
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
