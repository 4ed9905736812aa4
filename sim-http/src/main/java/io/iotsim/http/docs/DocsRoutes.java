package io.iotsim.http.docs;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/openapi.json} (the hand-written OpenAPI 3 document, a resource) and Swagger UI at
 * {@code /docs}, from swagger-ui-dist files packed into the jar at build time (no CDN needed).
 */
public final class DocsRoutes extends AllDirectives {

  public Route route() {
    return get(
        () ->
            concat(
                path(
                    PathMatchers.segment("api").slash("openapi.json"),
                    () -> getFromResource("openapi/openapi.json", ContentTypes.APPLICATION_JSON)),
                pathPrefix(
                    "docs",
                    () ->
                        concat(
                            // docs/ (with the slash) so the page's relative asset links resolve under /docs/
                            pathEnd(() -> redirect(org.apache.pekko.http.javadsl.model.Uri.create("/docs/"), StatusCodes.PERMANENT_REDIRECT)),
                            pathSingleSlash(() -> getFromResource("docs/index.html", ContentTypes.TEXT_HTML_UTF8)),
                            path("init.js", () -> getFromResource("docs/init.js")),
                            getFromResourceDirectory("swagger-ui")))));
  }
}
