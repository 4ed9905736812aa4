package io.iotsim.http.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Cross-origin access for a dashboard served from another origin, by an explicit allow-list ({@code
 * iot-sim.http.cors.allowed-origins}; empty: no cross-origin access). An allowed origin gets the
 * CORS headers and its preflight a 204; any other origin gets no CORS headers (the browser then
 * refuses the response) and its preflight a 403. Sits outside authentication: a preflight never
 * carries the token.
 */
public final class Cors extends AllDirectives {

  private static final String ALLOW_HEADERS = "Authorization, Content-Type, X-Request-Id";
  private static final String ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";

  private final List<String> allowed;

  public Cors(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  public Route handle(Supplier<Route> inner) {
    if (allowed.isEmpty()) {
      return inner.get();
    }
    return optionalHeaderValueByName(
        "Origin",
        origin -> {
          Optional<String> ok = origin.filter(o -> allowed.contains(o) || allowed.contains("*"));
          if (origin.isEmpty()) {
            return inner.get();
          }
          return extractMethod(
              method -> {
                boolean preflight = method.equals(HttpMethods.OPTIONS);
                if (ok.isEmpty()) {
                  return preflight
                      ? complete(HttpResponse.create().withStatus(StatusCodes.FORBIDDEN))
                      : inner.get();
                }
                List<HttpHeader> headers =
                    List.of(
                        RawHeader.create("Access-Control-Allow-Origin", ok.get()),
                        RawHeader.create("Vary", "Origin"),
                        RawHeader.create("Access-Control-Allow-Headers", ALLOW_HEADERS),
                        RawHeader.create("Access-Control-Allow-Methods", ALLOW_METHODS),
                        RawHeader.create("Access-Control-Max-Age", "600"));
                return respondWithHeaders(
                    headers,
                    () ->
                        preflight
                            ? complete(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT))
                            : inner.get());
              });
        });
  }
}
