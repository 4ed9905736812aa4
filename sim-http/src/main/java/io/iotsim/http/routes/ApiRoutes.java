package io.iotsim.http.routes;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.security.ApiToken;
import io.iotsim.cluster.security.StreamPermits;
import io.iotsim.http.profiles.ProfileCatalog;
import io.iotsim.http.security.Authentication;
import io.iotsim.http.security.Cors;
import io.iotsim.http.settings.ApiServerSettings;
import io.iotsim.http.sse.EventStream;
import io.iotsim.http.sse.TelemetryStream;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1}: every REST and SSE route, with JSON errors for every failure and rejection and a
 * bound on request bodies.
 */
public final class ApiRoutes extends AllDirectives {

  /**
   * The SSE routes (streams::telemetry, streams::events below): the only ones on which the token
   * may come as a query parameter, since browsers' EventSource cannot send a header.
   */
  static final java.util.Set<String> SSE_PATHS =
      java.util.Set.of("/api/v1/devices/stream", "/api/v1/events/stream");

  private final ApiServerSettings settings;
  private final java.time.Duration requestTimeout;
  private final ApiErrors errors = new ApiErrors();
  private final DeviceRoutes devices;
  private final StreamRoutes streams;
  private final ControlRoutes control;
  private final ProfileRoutes profiles;
  private final StatusRoutes status;
  private final ClusterRoutes cluster;
  private final DashboardRoutes dashboard;

  private final Authentication authentication;
  private final Cors cors;

  public ApiRoutes(SimNode node, ApiServerSettings settings) {
    this.settings = settings;
    this.authentication =
        new Authentication(ApiToken.from(node.system().settings().config()), SSE_PATHS);
    this.cors = new Cors(settings.corsAllowedOrigins());
    // A large spawn or a fleet-wide stop can take longer than Pekko's 20 s default; the fleet
    // operations time out on their own (spawn-timeout, ask-timeout), this is only a backstop.
    this.requestTimeout =
        max(node.settings().spawnTimeout(), node.settings().askTimeout()).plusSeconds(10);
    ProfileCatalog catalog = new ProfileCatalog(settings.profilesDir());
    this.devices = new DeviceRoutes(node, catalog, settings);
    this.streams =
        new StreamRoutes(
            new TelemetryStream(node.fleet(), node::batches, settings),
            new EventStream(node.fleet(), settings),
            StreamPermits.get(node.system()));
    this.control = new ControlRoutes(node.fleet(), node.scenarios());
    this.profiles = new ProfileRoutes(catalog);
    this.status = new StatusRoutes(node);
    this.cluster = new ClusterRoutes(node.fleet());
    this.dashboard = new DashboardRoutes(node, settings);
  }

  public Route route() {
    return pathPrefix(
        "api", () -> cors.handle(() -> errors.handle(() -> authentication.require(this::guarded))));
  }

  /** Past the door: a request timeout, the body bound and the routes. */
  private Route guarded() {
    return withRequestTimeout(
        requestTimeout,
        request ->
            ApiErrors.response(
                new ApiErrors.Answer(
                    org.apache.pekko.http.javadsl.model.StatusCodes.SERVICE_UNAVAILABLE,
                    io.iotsim.http.api.ApiError.of(
                        "the node did not answer within "
                            + requestTimeout.toSeconds()
                            + " s; the operation may still complete",
                        null))),
        () ->
            withSizeLimit(
                settings.maxBodyBytes(),
                () ->
                    pathPrefix(
                        "v1",
                        () ->
                            concat(
                                pathPrefix(
                                    "devices",
                                    () ->
                                        concat(
                                            path("stream", streams::telemetry),
                                            path("table", dashboard::table),
                                            path("update", control::update),
                                            devices.route())),
                                path(segments("events", "stream"), streams::events),
                                path("faults", control::faults),
                                path(segments("faults", "active"), dashboard::activeFaults),
                                path(segments("scenarios", "validate"), dashboard::validate),
                                path(segments("scenarios", "files"), dashboard::scenarioFiles),
                                pathPrefix("scenarios", control::scenarios),
                                path("clock", dashboard::clock),
                                pathPrefix("profiles", profiles::route),
                                path("status", status::status),
                                path("cluster", cluster::cluster),
                                path("health", status::health)))));
  }

  private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static org.apache.pekko.http.javadsl.server.PathMatcher0 segments(String a, String b) {
    return org.apache.pekko.http.javadsl.server.PathMatchers.segment(a).slash(b);
  }
}
