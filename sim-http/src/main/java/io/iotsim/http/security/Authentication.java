package io.iotsim.http.security;

import io.iotsim.cluster.security.ApiToken;
import io.iotsim.http.api.ApiError;
import io.iotsim.http.json.Json;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The API's door: with a token configured, a request without {@code Authorization: Bearer <token>}
 * gets 401 (JSON, with {@code WWW-Authenticate: Bearer}) and never reaches a route. Browsers'
 * EventSource cannot send headers, so SSE clients send the header too (curl, the CLI, fetch-based
 * readers).
 */
public final class Authentication extends AllDirectives {

  private final ApiToken token;

  public Authentication(ApiToken token) {
    this.token = token;
  }

  public Route require(Supplier<Route> inner) {
    if (!token.configured()) {
      return inner.get();
    }
    return optionalHeaderValueByName(
        "Authorization",
        header ->
            token.refusal(header).map(reason -> complete(unauthorized(reason))).orElseGet(inner));
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
