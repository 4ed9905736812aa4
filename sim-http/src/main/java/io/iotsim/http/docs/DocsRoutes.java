package io.iotsim.http.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/openapi.json} (the hand-written OpenAPI 3 document, openapi/openapi.yaml) and Swagger
 * UI at {@code /docs}, from swagger-ui-dist files packed into the jar at build time (no CDN
 * needed).
 */
public final class DocsRoutes extends AllDirectives {

  /** Written as YAML (readable, diffable), served as JSON; converted once. */
  static final String OPENAPI_JSON = openApiJson();

  static String openApiJson() {
    try (InputStream in = DocsRoutes.class.getResourceAsStream("/openapi/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi/openapi.yaml is missing from the jar");
      }
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(in);
      return new ObjectMapper().writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document", e);
    }
  }

  public Route route() {
    return get(
        () ->
            concat(
                path(
                    PathMatchers.segment("api").slash("openapi.json"),
                    () ->
                        complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, OPENAPI_JSON))),
                pathPrefix(
                    "docs",
                    () ->
                        concat(
                            // docs/ (with the slash) so the page's relative asset links resolve
                            // under /docs/
                            pathEnd(
                                () ->
                                    redirect(
                                        org.apache.pekko.http.javadsl.model.Uri.create("/docs/"),
                                        StatusCodes.PERMANENT_REDIRECT)),
                            pathSingleSlash(
                                () ->
                                    getFromResource(
                                        "docs/index.html", ContentTypes.TEXT_HTML_UTF8)),
                            path("init.js", () -> getFromResource("docs/init.js")),
                            getFromResourceDirectory("swagger-ui")))));
  }
}
