package io.iotsim.http.routes;

import io.iotsim.cluster.fleet.FleetFullException;
import io.iotsim.cluster.fleet.NoDeviceMatchedException;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.selector.SelectorException;
import io.iotsim.http.api.ApiError;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.json.Json;
import io.iotsim.http.json.Messages;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from what a request can run into to an HTTP status and a JSON error: bad input
 * 400 naming the field, unknown device or scenario or a selection that matched none 404, wrong
 * state or a full node (max-devices) 409, body too large 413, timed out or unable to finish 503;
 * anything else 500, logged. The node keeps serving whatever a client sends.
 */
public final class ApiErrors extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** What a failure answers. */
  public record Answer(StatusCode status, ApiError body) {}

  public static Answer answer(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof ApiException a) {
      return new Answer(a.status(), a.toError());
    }
    if (e instanceof ProfileException p) {
      List<ApiError.Problem> problems =
          p.problems().stream().map(x -> new ApiError.Problem(x.path(), x.toString())).toList();
      return new Answer(
          StatusCodes.BAD_REQUEST, new ApiError(p.getMessage(), problems.get(0).field(), problems));
    }
    if (e instanceof SelectorException) {
      return new Answer(StatusCodes.BAD_REQUEST, ApiError.of(e.getMessage(), "selector"));
    }
    if (e instanceof NoDeviceMatchedException) {
      return new Answer(StatusCodes.NOT_FOUND, ApiError.of(e.getMessage(), "selector"));
    }
    if (e instanceof FleetFullException) {
      return new Answer(StatusCodes.CONFLICT, ApiError.of(e.getMessage(), "count"));
    }
    if (e instanceof IllegalArgumentException) {
      return new Answer(
          StatusCodes.BAD_REQUEST, ApiError.of(e.getMessage(), Messages.fieldOf(e.getMessage())));
    }
    if (e instanceof EntityStreamSizeException s) {
      return tooLarge(s.limit());
    }
    if (e instanceof IllegalStateException) {
      // The node could not finish the operation as things stand (a spawn that did not start every
      // device within spawn-timeout, a node shutting down): worth retrying, not a client mistake.
      return new Answer(
          StatusCodes.SERVICE_UNAVAILABLE,
          ApiError.of(e.getMessage(), Messages.fieldOf(e.getMessage())));
    }
    if (e instanceof TimeoutException) {
      return new Answer(
          StatusCodes.SERVICE_UNAVAILABLE,
          ApiError.of("the node did not answer in time, try again: " + e.getMessage(), null));
    }
    // The cause and its stack stay in the node's log under a request id the caller is given;
    // the response says nothing of the node's internals.
    String requestId = java.util.UUID.randomUUID().toString();
    log.error("request failed, request-id={}", requestId, e);
    return new Answer(
        StatusCodes.INTERNAL_SERVER_ERROR,
        ApiError.of(
            "internal error; the node's log has the details under request id " + requestId, null));
  }

  static Answer tooLarge(long limit) {
    return new Answer(
        StatusCodes.PAYLOAD_TOO_LARGE,
        ApiError.of("body: larger than this node accepts (" + limit + " bytes)", "body"));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public static HttpResponse response(Answer a) {
    return HttpResponse.create()
        .withStatus(a.status())
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(a.body())));
  }

  private final ExceptionHandler exceptions =
      ExceptionHandler.newBuilder().matchAny(e -> complete(response(answer(e)))).build();

  private final RejectionHandler rejections =
      RejectionHandler.newBuilder()
          .handle(
              MalformedRequestContentRejection.class,
              r ->
                  r.getCause() instanceof EntityStreamSizeException s
                      ? complete(response(tooLarge(s.limit())))
                      : complete(
                          response(
                              new Answer(
                                  StatusCodes.BAD_REQUEST,
                                  ApiError.of("body: " + r.message(), "body")))))
          .handle(
              MalformedQueryParamRejection.class,
              r ->
                  complete(
                      response(
                          new Answer(
                              StatusCodes.BAD_REQUEST,
                              ApiError.of(
                                  r.parameterName() + ": " + r.errorMsg(), r.parameterName())))))
          .handle(
              MissingQueryParamRejection.class,
              r ->
                  complete(
                      response(
                          new Answer(
                              StatusCodes.BAD_REQUEST,
                              ApiError.of(r.parameterName() + ": required", r.parameterName())))))
          .handleAll(
              MethodRejection.class,
              rs -> {
                String allowed =
                    rs.stream()
                        .map(r -> r.supported().name())
                        .distinct()
                        .collect(Collectors.joining(", "));
                return extractRequest(
                    req ->
                        complete(
                            response(
                                new Answer(
                                    StatusCodes.METHOD_NOT_ALLOWED,
                                    ApiError.of(
                                        req.method().name()
                                            + " "
                                            + req.getUri().path()
                                            + ": not allowed (allowed: "
                                            + allowed
                                            + ")",
                                        null)))));
              })
          .handleNotFound(
              extractRequest(
                  req ->
                      complete(
                          response(
                              new Answer(
                                  StatusCodes.NOT_FOUND,
                                  ApiError.of(
                                      "no such endpoint: "
                                          + req.method().name()
                                          + " "
                                          + req.getUri().path()
                                          + " (see /api/openapi.json)",
                                      null))))))
          .build()
          .withFallback(RejectionHandler.defaultHandler())
          .mapRejectionResponse(ApiErrors::asJson);

  /** Rejections the handlers above do not know (Pekko's own text) still answer JSON. */
  private static HttpResponse asJson(HttpResponse r) {
    HttpEntity e = r.entity();
    if (e instanceof HttpEntity.Strict s
        && !s.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      String text = s.getData().utf8String();
      return r.withEntity(
          HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(ApiError.of(text, null))));
    }
    return r;
  }

  /** {@code inner} with every failure and rejection answered as a JSON error. */
  public Route handle(java.util.function.Supplier<Route> inner) {
    return handleExceptions(exceptions, () -> handleRejections(rejections, inner));
  }
}
