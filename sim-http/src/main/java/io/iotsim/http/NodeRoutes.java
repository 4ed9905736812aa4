package io.iotsim.http;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.http.admin.AdminRoutes;
import io.iotsim.http.docs.DocsRoutes;
import io.iotsim.http.routes.ApiRoutes;
import io.iotsim.http.settings.ApiServerSettings;
import io.iotsim.http.ui.UiRoutes;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Everything one node serves on its HTTP port, in matching order: API docs, the REST/SSE API, admin
 * endpoints, and last the web UI with its SPA fallback (so no API path ever falls back to
 * index.html).
 */
public final class NodeRoutes extends AllDirectives {

  private final DocsRoutes docs = new DocsRoutes();
  private final ApiRoutes api;
  private final AdminRoutes admin;
  private final UiRoutes ui;

  public NodeRoutes(SimNode node, ApiServerSettings settings, Supplier<String> metrics) {
    this.api = new ApiRoutes(node, settings);
    this.admin = new AdminRoutes(node, metrics);
    this.ui = new UiRoutes(settings.uiDir());
  }

  public boolean uiBuilt() {
    return ui.built();
  }

  public Route route() {
    return concat(docs.route(), api.route(), admin.route(), ui.route());
  }

  /** Everything but the admin endpoints, when they have a port of their own. */
  public Route routeWithoutAdmin() {
    return concat(docs.route(), api.route(), ui.route());
  }

  /** /healthz, /readyz and /metrics alone. */
  public Route adminRoute() {
    return admin.route();
  }
}
