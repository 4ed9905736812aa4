package io.iotsim.http.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The web dashboard at {@code /}: files of the built UI (ui/dist), and index.html for any other GET
 * so the app's client-side routes (/devices, /telemetry) load on refresh. Without a built UI, a
 * small page links the API docs and status. Must come after every other route.
 */
public final class UiRoutes extends AllDirectives {

  private static final String LANDING =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>iot-sim</title>"
          + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5}</style></head>"
          + "<body><h1>iot-sim node</h1><p>The web dashboard is not built on this node (build <code>ui/</code> and "
          + "set <code>iot-sim.http.ui-dir</code>).</p><ul>"
          + "<li><a href=\"/docs\">API documentation (Swagger UI)</a></li>"
          + "<li><a href=\"/api/v1/status\">Runtime status</a> &middot; <a href=\"/api/v1/devices/status\">fleet status</a></li>"
          + "<li><a href=\"/api/openapi.json\">OpenAPI document</a> &middot; <a href=\"/metrics\">Prometheus metrics</a></li>"
          + "</ul></body></html>";

  /** Where the jar carries the dashboard built with it (sim-http's pom copies ui/dist there). */
  static final String PACKED = "ui";

  private final Path dir;
  private final String resources;
  private final boolean packed;

  public UiRoutes(Path dir) {
    this(dir, PACKED);
  }

  /**
   * @param resources the class-path directory of a packed build, used when {@code dir} has none;
   *     null for none
   */
  public UiRoutes(Path dir, String resources) {
    this.dir = dir.toAbsolutePath().normalize();
    this.resources = resources;
    this.packed =
        resources != null
            && UiRoutes.class.getClassLoader().getResource(resources + "/index.html") != null;
  }

  /** A directory's build wins (a fresh npm run build shows without a jar rebuild). */
  private boolean onDisk() {
    return Files.isRegularFile(dir.resolve("index.html"));
  }

  public boolean built() {
    return onDisk() || packed;
  }

  public Route route() {
    if (!built()) {
      return get(
          () ->
              pathEndOrSingleSlash(
                  () -> complete(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, LANDING))));
    }
    if (!onDisk()) {
      return packedRoute();
    }
    String index = dir.resolve("index.html").toString();
    return get(
        () ->
            concat(
                // Vite names assets by content hash: they never change under one name.
                pathPrefix(
                    "assets",
                    () ->
                        respondWithHeader(
                            RawHeader.create(
                                "Cache-Control", "public, max-age=31536000, immutable"),
                            () -> getFromDirectory(dir.resolve("assets").toString()))),
                pathEndOrSingleSlash(() -> noCache(() -> getFromFile(index))),
                getFromDirectory(dir.toString()),
                noCache(() -> getFromFile(index))));
  }

  private Route packedRoute() {
    String index = resources + "/index.html";
    return get(
        () ->
            concat(
                pathPrefix(
                    "assets",
                    () ->
                        respondWithHeader(
                            RawHeader.create(
                                "Cache-Control", "public, max-age=31536000, immutable"),
                            () -> getFromResourceDirectory(resources + "/assets"))),
                pathEndOrSingleSlash(() -> noCache(() -> getFromResource(index))),
                getFromResourceDirectory(resources),
                noCache(() -> getFromResource(index))));
  }

  private Route noCache(java.util.function.Supplier<Route> inner) {
    return respondWithHeader(RawHeader.create("Cache-Control", "no-cache"), inner);
  }
}
