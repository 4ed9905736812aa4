package io.iotsim.http.routes;

import io.iotsim.cluster.fleet.ClusterAnswer;
import io.iotsim.cluster.fleet.ClusterPage;
import io.iotsim.cluster.fleet.DeviceRow;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.fleet.FleetStatus;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.device.DeviceDetail;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.SpawnRequest;
import io.iotsim.http.api.SpawnResponse;
import io.iotsim.http.api.TargetRequest;
import io.iotsim.http.api.Views;
import io.iotsim.http.json.Timestamps;
import io.iotsim.http.profiles.ProfileCatalog;
import io.iotsim.http.settings.ApiServerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/devices}: spawn, stop, pause, resume (by selection or one device), fleet status,
 * the paged list and one device's detail.
 */
final class DeviceRoutes extends JsonDirectives {

  private static final java.util.Set<String> RESERVED =
      java.util.Set.of("spawn", "stop", "pause", "resume", "status", "stream", "update");

  private final SimNode node;
  private final Fleet fleet;
  private final ProfileCatalog profiles;
  private final ApiServerSettings settings;

  DeviceRoutes(SimNode node, ProfileCatalog profiles, ApiServerSettings settings) {
    this.node = node;
    this.fleet = node.fleet();
    this.profiles = profiles;
    this.settings = settings;
  }

  /** Routes under {@code /devices}, except the stream and update (their own classes). */
  Route route() {
    return concat(
        pathEnd(() -> get(this::list)),
        path("spawn", () -> post(() -> body(SpawnRequest.class, this::spawn))),
        path(
            "stop",
            () ->
                post(
                    () ->
                        body(
                            TargetRequest.class,
                            t -> counted("stopped", fleet.clusterStop(Selection.of(t)))))),
        path(
            "pause",
            () ->
                post(
                    () ->
                        body(
                            TargetRequest.class,
                            t -> counted("paused", fleet.clusterPause(Selection.of(t)))))),
        path(
            "resume",
            () ->
                post(
                    () ->
                        body(
                            TargetRequest.class,
                            t -> counted("resumed", fleet.clusterResume(Selection.of(t)))))),
        path("status", () -> get(this::status)),
        // "spawn", "stop"... with the wrong method must answer 405, not "no device 'spawn'"
        path(
            PathMatchers.segment(), id -> RESERVED.contains(id) ? reject() : get(() -> detail(id))),
        path(
            PathMatchers.segment().slash("pause"),
            id -> post(() -> one(id, Lifecycle.RUNNING, "paused", fleet::clusterPause))),
        path(
            PathMatchers.segment().slash("resume"),
            id -> post(() -> one(id, Lifecycle.PAUSED, "resumed", fleet::clusterResume))));
  }

  private Route spawn(SpawnRequest req) {
    DeviceProfile profile = profileOf(req);
    long count = req.count() == null ? 1 : req.count();
    if (count < 1) {
      throw ApiException.badRequest("count", "must be >= 1 (got " + count + ")");
    }
    if (count > fleet.maxDevices()) {
      throw new ApiException(
          StatusCodes.BAD_REQUEST,
          "count",
          "count: "
              + count
              + " is more than this node can ever run (max-devices "
              + fleet.maxDevices()
              + ")");
    }
    Map<String, String> labels = req.labels() == null ? Map.of() : req.labels();
    for (Map.Entry<String, String> l : labels.entrySet()) {
      if (l.getValue() == null) {
        throw ApiException.badRequest("labels." + l.getKey(), "must be a string");
      }
    }
    return onSuccess(
        fleet.spawn(profile, (int) count, labels),
        r ->
            answer(
                StatusCodes.CREATED,
                new SpawnResponse(
                    r.deviceType(),
                    r.count(),
                    r.firstDeviceId(),
                    r.lastDeviceId(),
                    r.firstIndex())));
  }

  private DeviceProfile profileOf(SpawnRequest req) {
    if ((req.profile() == null) == (req.profileInline() == null)) {
      throw ApiException.badRequest(
          "profile",
          "give exactly one of profile (a name or path in the profiles directory) or profile_inline");
    }
    return req.profile() != null
        ? profiles.load(req.profile())
        : ProfileCatalog.inline(req.profileInline(), "profile_inline");
  }

  /** {@code {key: n, "missing_nodes": [...]}}: the nodes that did not answer are not counted. */
  private Route counted(String key, CompletionStage<ClusterAnswer<Integer>> n) {
    return onSuccess(n, a -> ok(Map.of(key, a.value(), "missing_nodes", a.missingNodes())));
  }

  /** Pauses or resumes one device: 404 when there is none, 409 when it is not in {@code from}. */
  private Route one(
      String id,
      Lifecycle from,
      String key,
      Function<Selector, CompletionStage<ClusterAnswer<Integer>>> op) {
    CompletionStage<ClusterAnswer<Integer>> done =
        fleet
            .clusterGet(id)
            .thenCompose(
                found -> {
                  DeviceDetail d = found.value().orElseThrow(() -> notFound(id, found));
                  if (d.state() != from) {
                    throw ApiException.conflict(
                        "device_id",
                        "device_id: '"
                            + id
                            + "' is "
                            + d.state().label()
                            + "; only a "
                            + from.label()
                            + " device can be "
                            + key);
                  }
                  return op.apply(Selector.ids(List.of(id)));
                });
    return onSuccess(
        done,
        a -> {
          if (a.value() == 0) {
            // It changed state (or stopped) between the look and the command.
            throw ApiException.conflict(
                "device_id", "device_id: '" + id + "' is no longer " + from.label());
          }
          return ok(
              Map.of("device_id", id, "state", from == Lifecycle.RUNNING ? "paused" : "running"));
        });
  }

  /** 404 naming the device, and the nodes that did not answer (it may run there). */
  private static ApiException notFound(String id, ClusterAnswer<?> answer) {
    return ApiException.notFound(
        "device_id",
        "device_id: no device '"
            + id
            + "'"
            + (answer.partial()
                ? " on the nodes that answered (no answer from "
                    + String.join(", ", answer.missingNodes())
                    + ")"
                : ""));
  }

  private Route status() {
    return parameterOptional(
        "selector",
        sel -> {
          Selector selector = sel.map(Selection::selector).orElse(Selector.all());
          return onSuccess(
              fleet.clusterStatus(selector),
              a -> {
                FleetStatus s = a.value().total();
                List<Views.TypeStatus> types = new ArrayList<>();
                s.byType()
                    .forEach(
                        (type, states) ->
                            types.add(
                                new Views.TypeStatus(
                                    type,
                                    states.values().stream().mapToLong(Long::longValue).sum(),
                                    states)));
                List<Views.NodeStatus> nodes = new ArrayList<>();
                a.value()
                    .byNode()
                    .forEach(
                        (n, ns) -> nodes.add(new Views.NodeStatus(n, ns.total(), ns.byState())));
                return ok(
                    new Views.FleetStatus(
                        s.total(),
                        fleet.maxDevices(),
                        s.byState(),
                        types,
                        nodes,
                        a.missingNodes()));
              });
        });
  }

  private Route list() {
    return parameterOptional(
        "type",
        type ->
            parameterOptional(
                "state",
                state ->
                    parameterOptional(
                        "selector",
                        selector ->
                            parameterOptional(
                                "limit",
                                limit ->
                                    parameterOptional(
                                        "cursor",
                                        cursor -> {
                                          Selector s =
                                              Selection.ofQuery(
                                                  type, Optional.empty(), selector, "type");
                                          return onSuccess(
                                              fleet.clusterList(
                                                  s,
                                                  state.map(DeviceRoutes::lifecycle),
                                                  limit(limit),
                                                  cursor.filter(c -> !c.isEmpty()).orElse(null)),
                                              this::page);
                                        })))));
  }

  private Route page(ClusterAnswer<ClusterPage> a) {
    ClusterPage page = a.value();
    List<Views.DeviceSummary> devices = new ArrayList<>(page.devices().size());
    for (DeviceRow d : page.devices()) {
      devices.add(
          new Views.DeviceSummary(d.id(), d.type(), d.state().label(), d.labels(), d.node()));
    }
    return ok(new Views.DevicePage(devices, devices.size(), page.nextCursor(), a.missingNodes()));
  }

  private int limit(Optional<String> text) {
    if (text.isEmpty()) {
      return settings.defaultPageSize();
    }
    try {
      int n = Integer.parseInt(text.get().strip());
      if (n >= 1 && n <= ApiServerSettings.MAX_PAGE_SIZE) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.badRequest(
        "limit",
        "must be an integer 1.." + ApiServerSettings.MAX_PAGE_SIZE + " (got '" + text.get() + "')");
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

  private Route detail(String id) {
    return onSuccess(
        fleet.clusterGet(id),
        found -> {
          DeviceDetail d = found.value().orElseThrow(() -> notFound(id, found));
          return ok(
              new Views.DeviceDetail(
                  d.deviceId(),
                  d.deviceType(),
                  d.state().label(),
                  d.labels(),
                  d.readings(),
                  d.intervalMillis(),
                  d.state() == Lifecycle.RUNNING ? Timestamps.iso(d.nextDueMillis()) : null,
                  d.profile() == null ? null : ProfileCatalog.spec(d.profile()),
                  List.of(),
                  null));
        });
  }
}
