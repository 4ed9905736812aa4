package io.iotsim.http.security;

import io.iotsim.cluster.security.ApiToken;
import io.iotsim.http.api.ApiError;
import io.iotsim.http.json.Json;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The API's door: with a token configured, a request without {@code Authorization: Bearer <token>}
 * gets 401 (JSON, with {@code WWW-Authenticate: Bearer}) and never reaches a route.
 *
 * <p>Browsers' EventSource cannot send headers, so a GET of an SSE route (and only of one) may
 * carry the token as the query parameter {@value #QUERY_PARAMETER} instead; it is checked the same
 * constant-time way as the header. Everywhere else the parameter is refused rather than ignored: a
 * token in a URL ends up in browser histories and proxy logs, so it is allowed only where nothing
 * else can work. When the header is present it decides, whatever the query says.
 */
public final class Authentication extends AllDirectives {

  /** The query parameter an SSE GET may carry the token in (for EventSource). */
  public static final String QUERY_PARAMETER = "access_token";

  static final String QUERY_ONLY_ON_SSE =
      QUERY_PARAMETER
          + " is accepted only on the SSE routes (GET /api/v1/devices/stream, GET"
          + " /api/v1/events/stream); send 'Authorization: Bearer <token>'";

  private final ApiToken token;
  private final Set<String> ssePaths;

  /**
   * @param ssePaths the absolute paths of the SSE routes ({@code /api/v1/devices/stream}) on which
   *     a GET may carry the token in {@value #QUERY_PARAMETER}
   */
  public Authentication(ApiToken token, Set<String> ssePaths) {
    this.token = token;
    this.ssePaths = Set.copyOf(ssePaths);
  }

  public Route require(Supplier<Route> inner) {
    if (!token.configured()) {
      return inner.get();
    }
    return optionalHeaderValueByName(
        "Authorization",
        header ->
            extractRequest(
                request ->
                    parameterOptional(
                        QUERY_PARAMETER,
                        query ->
                            refusal(request, header, query)
                                .map(reason -> complete(unauthorized(reason)))
                                .orElseGet(inner))));
  }

  private Optional<String> refusal(
      HttpRequest request, Optional<String> header, Optional<String> query) {
    if (header.isPresent() || query.isEmpty()) {
      return token.refusal(header);
    }
    if (!request.method().equals(HttpMethods.GET) || !ssePaths.contains(request.getUri().path())) {
      return Optional.of(QUERY_ONLY_ON_SSE);
    }
    return token.refusal(Optional.of("Bearer " + query.get()));
  }

  static HttpResponse unauthorized(String reason) {
    return HttpResponse.create()
        .withStatus(StatusCodes.UNAUTHORIZED)
        .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"iot-sim\""))
        .withEntity(
            HttpEntities.create(
                ContentTypes.APPLICATION_JSON, Json.write(ApiError.of(reason, "authorization"))));
  }
}
