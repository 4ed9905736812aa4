package io.iotsim.http.admin;

import io.iotsim.cluster.node.SimNode;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Probes and metrics for Kubernetes and Prometheus: {@code /healthz} (the process answers), {@code
 * /readyz} (200 only once the node is an Up cluster member with sharding started), {@code /metrics}
 * (Prometheus text format 0.0.4).
 */
public final class AdminRoutes extends AllDirectives {

  /** Prometheus' text exposition format. */
  private static final ContentType PROMETHEUS =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final BooleanSupplier ready;
  private final Supplier<String> scrape;

  public AdminRoutes(SimNode node, Supplier<String> scrape) {
    this(node::ready, scrape);
  }

  AdminRoutes(BooleanSupplier ready, Supplier<String> scrape) {
    this.ready = ready;
    this.scrape = scrape;
  }

  public Route route() {
    return get(
        () ->
            concat(
                path(
                    "healthz",
                    () ->
                        complete(
                            StatusCodes.OK,
                            HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "ok\n"))),
                path(
                    "readyz",
                    () ->
                        ready.getAsBoolean()
                            ? complete(
                                StatusCodes.OK,
                                HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "ready\n"))
                            : complete(
                                StatusCodes.SERVICE_UNAVAILABLE,
                                HttpEntities.create(
                                    ContentTypes.TEXT_PLAIN_UTF8,
                                    "not ready: not yet an Up cluster member with sharding\n"))),
                path(
                    "metrics",
                    () ->
                        complete(
                            HttpEntities.create(
                                PROMETHEUS,
                                org.apache.pekko.util.ByteString.fromString(scrape.get()))))));
  }
}
