package io.iotsim.http.routes;

import io.iotsim.cluster.fleet.ActiveFault;
import io.iotsim.cluster.fleet.DeviceRow;
import io.iotsim.cluster.fleet.DeviceTable;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.ScenarioException;
import io.iotsim.core.scenario.ScenarioParser;
import io.iotsim.core.scenario.ScenarioScript;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.DashboardViews;
import io.iotsim.http.dashboard.ScenarioFiles;
import io.iotsim.http.json.Json;
import io.iotsim.http.json.Timestamps;
import io.iotsim.http.settings.ApiServerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * What the web dashboard reads beyond the plain API: {@code GET /devices/table} (filtered, sorted,
 * offset-paged) and {@code GET /faults/active}, both over the whole cluster and naming the nodes
 * that did not answer, {@code POST /scenarios/validate}, {@code GET /scenarios/files} and {@code
 * GET|PUT /clock}.
 */
final class DashboardRoutes extends JsonDirectives {

  private static final Pattern LINE = Pattern.compile("^.*? line (\\d+): (.*)$", Pattern.DOTALL);

  private final SimNode node;
  private final ScenarioFiles files;

  DashboardRoutes(SimNode node, ApiServerSettings settings) {
    this.node = node;
    // The shipped scenarios sit next to the profiles directory (scenarios/ beside profiles/).
    Path profiles = settings.profilesDir().toAbsolutePath().normalize();
    this.files =
        new ScenarioFiles(
            profiles.getParent() == null
                ? Path.of("scenarios")
                : profiles.getParent().resolve("scenarios"));
  }

  Route table() {
    return get(
        () ->
            parameterOptional(
                "type",
                type ->
                    parameterOptional(
                        "state",
                        state ->
                            parameterOptional(
                                "selector",
                                sel ->
                                    parameterOptional(
                                        "sort",
                                        sort ->
                                            parameterOptional(
                                                "order",
                                                order ->
                                                    parameterOptional(
                                                        "offset",
                                                        offset ->
                                                            parameterOptional(
                                                                "limit",
                                                                limit ->
                                                                    table(
                                                                        Selection.ofQuery(
                                                                            type,
                                                                            Optional.empty(),
                                                                            sel,
                                                                            "type"),
                                                                        state
                                                                            .filter(
                                                                                s -> !s.isBlank())
                                                                            .map(
                                                                                DashboardRoutes
                                                                                    ::lifecycle),
                                                                        sort(sort),
                                                                        descending(order),
                                                                        integer(
                                                                            "offset",
                                                                            offset,
                                                                            0,
                                                                            0,
                                                                            Integer.MAX_VALUE),
                                                                        integer(
                                                                            "limit",
                                                                            limit,
                                                                            50,
                                                                            1,
                                                                            ApiServerSettings
                                                                                .MAX_PAGE_SIZE))))))))));
  }

  private Route table(
      Selector selector,
      Optional<Lifecycle> state,
      DeviceTable.Sort sort,
      boolean descending,
      int offset,
      int limit) {
    return onSuccess(
        node.fleet().clusterTable(selector, state, sort, descending, offset, limit),
        a -> {
          List<DashboardViews.TableRow> rows = new ArrayList<>(a.value().devices().size());
          for (DeviceRow d : a.value().devices()) {
            rows.add(
                new DashboardViews.TableRow(
                    d.id(), d.type(), d.state().label(), d.labels(), d.node()));
          }
          return ok(new DashboardViews.Table(rows, a.value().total(), offset, a.missingNodes()));
        });
  }

  Route activeFaults() {
    return get(
        () ->
            onSuccess(
                node.fleet().activeFaults(),
                a -> {
                  long now = node.clock().simNowMillis();
                  List<DashboardViews.ActiveFault> out = new ArrayList<>();
                  for (ActiveFault f : a.value().faults()) {
                    out.add(
                        new DashboardViews.ActiveFault(
                            f.faultType(),
                            Timestamps.iso(f.startSimMillis()),
                            Timestamps.iso(f.endSimMillis()),
                            Math.max(0, f.endSimMillis() - now) / 1000.0,
                            f.devices(),
                            f.deviceTypes(),
                            f.params()));
                  }
                  return ok(
                      new DashboardViews.ActiveFaults(
                          out, Timestamps.iso(now), a.value().lostEvents(), a.missingNodes()));
                }));
  }

  /** Parses a scenario without running it: every problem with its line. */
  Route validate() {
    return post(
        () ->
            extractRequestEntity(
                entity -> {
                  boolean json =
                      entity.getContentType().mediaType().toString().equals("application/json");
                  return entity(
                      Unmarshaller.entityToString(),
                      text -> {
                        String yaml =
                            json
                                ? Json.read(text, io.iotsim.http.api.ScenarioRequest.class).source()
                                : text;
                        if (yaml == null || yaml.isBlank()) {
                          throw ApiException.badRequest(
                              "source", "required: the scenario's YAML text");
                        }
                        return ok(validation(yaml));
                      });
                }));
  }

  static DashboardViews.Validation validation(String yaml) {
    try {
      ScenarioScript s =
          ScenarioParser.parse(yaml, "scenario", "scenario", ProfileResolver.near(null));
      return new DashboardViews.Validation(
          true, s.name(), s.stepsTotal(), s.plannedDuration().toMillis() / 1000.0, List.of());
    } catch (ScenarioException e) {
      List<DashboardViews.ScenarioProblem> problems = new ArrayList<>();
      for (String p : e.problems()) {
        Matcher m = LINE.matcher(p);
        problems.add(
            m.matches()
                ? new DashboardViews.ScenarioProblem(Integer.parseInt(m.group(1)), m.group(2))
                : new DashboardViews.ScenarioProblem(null, p));
      }
      return new DashboardViews.Validation(false, null, 0, 0, problems);
    }
  }

  Route scenarioFiles() {
    return get(() -> ok(files.list()));
  }

  Route clock() {
    return concat(
        get(() -> ok(clockView())),
        put(
            () ->
                body(
                    DashboardViews.SpeedRequest.class,
                    r -> {
                      double speed = speed(r.speed());
                      // the cluster's clock: every node follows the change, not only this one
                      return ok(node.changeSpeed(speed).thenApply(epoch -> clockView()));
                    })));
  }

  private DashboardViews.Clock clockView() {
    SimClock c = node.clock();
    double v = c.speed();
    String speed =
        c.isMaxSpeed() ? "max" : v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    long wall = System.currentTimeMillis();
    long sim = c.simNowMillis();
    return new DashboardViews.Clock(Timestamps.iso(sim), speed, sim, wall, node.clockNodes());
  }

  static double speed(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("speed", "required: a number > 0 or max");
    }
    if (text.strip().equalsIgnoreCase("max")) {
      return SimClock.MAX_SPEED;
    }
    try {
      double d = Double.parseDouble(text.strip());
      if (d > 0 && d <= 1_000_000) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.badRequest(
        "speed", "must be a number in (0, 1000000] or max (got '" + text + "')");
  }

  private static DeviceTable.Sort sort(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return DeviceTable.Sort.ID;
    }
    String t = text.get().strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "id", "device_id" -> DeviceTable.Sort.ID;
      case "type", "device_type" -> DeviceTable.Sort.TYPE;
      case "state" -> DeviceTable.Sort.STATE;
      default ->
          throw ApiException.badRequest(
              "sort", "must be id, type or state (got '" + text.get() + "')");
    };
  }

  private static boolean descending(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank() || text.get().strip().equalsIgnoreCase("asc")) {
      return false;
    }
    if (text.get().strip().equalsIgnoreCase("desc")) {
      return true;
    }
    throw ApiException.badRequest("order", "must be asc or desc (got '" + text.get() + "')");
  }

  private static int integer(String field, Optional<String> text, int fallback, int min, int max) {
    if (text.isEmpty() || text.get().isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.get().strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.badRequest(
        field, "must be an integer " + min + ".." + max + " (got '" + text.get() + "')");
  }

  private static Lifecycle lifecycle(String text) {
    for (Lifecycle l : Lifecycle.values()) {
      if (l.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw ApiException.badRequest(
        "state", "must be one of idle, running, paused, stopped, error (got '" + text + "')");
  }
}
