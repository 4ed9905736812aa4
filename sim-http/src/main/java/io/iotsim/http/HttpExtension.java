package io.iotsim.http;

import com.typesafe.config.Config;
import io.iotsim.cluster.metrics.MetricsSettings;
import io.iotsim.cluster.metrics.NodeMetrics;
import io.iotsim.cluster.node.Endpoint;
import io.iotsim.cluster.node.NodeExtension;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.security.ApiToken;
import io.iotsim.cluster.security.PemTls;
import io.iotsim.http.settings.ApiServerSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Serves a node's HTTP port (REST API, SSE, /healthz /readyz /metrics, docs, dashboard) and starts
 * its metrics; found by SimNode through ServiceLoader when the node serves.
 */
public final class HttpExtension implements NodeExtension {

  /** Open connections (SSE streams) get this long to finish when the node shuts down. */
  private static final Duration DRAIN = Duration.ofSeconds(5);

  /** Where a node's HTTP server listens (useful when configured with port 0). */
  public static Optional<InetSocketAddress> address(SimNode node) {
    return node.endpoint("http");
  }

  @Override
  public CompletionStage<Endpoint> start(SimNode node) {
    Config config = node.system().settings().config();
    ApiServerSettings settings =
        ApiServerSettings.from(config, node.settings().httpHost(), node.settings().httpPort());
    MetricsSettings metricsSettings = MetricsSettings.from(config);
    NodeMetrics metrics =
        metricsSettings.enabled() ? NodeMetrics.start(node, metricsSettings) : null;
    Supplier<String> scrape = metrics == null ? () -> "" : metrics::scrape;
    ApiToken token = ApiToken.from(config);
    token.requireFor("iot-sim.node.http.host", settings.host());
    Optional<PemTls> tls = PemTls.from(config, "iot-sim.http.tls");
    NodeRoutes routes = new NodeRoutes(node, settings, scrape);
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(node.system());
    var server = Http.get(node.system()).newServerAt(settings.host(), settings.port());
    if (tls.isPresent()) {
      SSLContext context = tls.get().context();
      server = server.enableHttps(ConnectionContext.httpsServer(() -> tls.get().engine(context)));
    }
    CompletionStage<Optional<ServerBinding>> admin =
        settings.separateMetricsPort()
            ? Http.get(node.system())
                .newServerAt(settings.host(), settings.metricsPort())
                .bind(routes.adminRoute())
                .thenApply(b -> Optional.of(unbindOnShutdown(shutdown, b, "metrics")))
            : CompletableFuture.completedFuture(Optional.empty());
    var api =
        server.bind(settings.separateMetricsPort() ? routes.routeWithoutAdmin() : routes.route());
    return admin
        .thenCombine(
            api,
            (adminBinding, binding) -> {
              adminBinding.ifPresent(b -> METRICS_PORTS.put(node, b.localAddress().getPort()));
              return binding;
            })
        .thenApply(
            binding -> {
              shutdown.addTask(
                  CoordinatedShutdown.PhaseServiceUnbind(),
                  "iot-sim-http-unbind",
                  () -> binding.unbind().thenApply(d -> Done.getInstance()));
              shutdown.addTask(
                  CoordinatedShutdown.PhaseServiceRequestsDone(),
                  "iot-sim-http-drain",
                  () -> binding.terminate(DRAIN).thenApply(t -> Done.getInstance()));
              shutdown.addTask(
                  CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                  "iot-sim-http-metrics",
                  () -> {
                    if (metrics != null) {
                      metrics.close();
                    }
                    return CompletableFuture.completedFuture(Done.getInstance());
                  });
              String extra =
                  (tls.isPresent() ? ", HTTPS" : "")
                      + (token.configured() ? ", bearer token required on /api" : "")
                      + (settings.separateMetricsPort()
                          ? "; /healthz /readyz /metrics on port " + METRICS_PORTS.get(node)
                          : "");
              return new Endpoint(
                  "http", binding.localAddress(), banner(binding, routes.uiBuilt()) + extra);
            });
  }

  /** Where /healthz, /readyz and /metrics listen when they have a port of their own. */
  public static Optional<Integer> metricsPort(SimNode node) {
    return Optional.ofNullable(METRICS_PORTS.get(node));
  }

  private static final java.util.Map<SimNode, Integer> METRICS_PORTS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static ServerBinding unbindOnShutdown(
      CoordinatedShutdown shutdown, ServerBinding b, String name) {
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceUnbind(),
        "iot-sim-" + name + "-unbind",
        () -> b.unbind().thenApply(d -> Done.getInstance()));
    return b;
  }

  private static String banner(ServerBinding b, boolean ui) {
    String at = b.localAddress().getHostString() + ":" + b.localAddress().getPort();
    return "HTTP on "
        + at
        + " (API /api/v1, docs /docs, metrics /metrics"
        + (ui ? ", dashboard /" : "")
        + ")";
  }
}
