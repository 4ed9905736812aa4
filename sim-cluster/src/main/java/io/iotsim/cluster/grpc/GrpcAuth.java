package io.iotsim.cluster.grpc;

import io.iotsim.cluster.security.ApiToken;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.util.ByteString;

/**
 * Lets a gRPC call through only with the node's bearer token (when one is configured); otherwise
 * answers UNAUTHENTICATED before any service sees the request. Works on the HTTP/2 exchange, like
 * {@link CallLog}, so every service and reflection are covered alike.
 */
final class GrpcAuth {

  private static final int UNAUTHENTICATED = io.grpc.Status.Code.UNAUTHENTICATED.value();

  private GrpcAuth() {}

  static Function<HttpRequest, CompletionStage<HttpResponse>> wrap(
      Function<HttpRequest, CompletionStage<HttpResponse>> handler, ApiToken token) {
    if (!token.configured()) {
      return handler;
    }
    return request -> {
      Optional<String> refusal =
          token.refusal(request.getHeader("authorization").map(h -> h.value()));
      if (refusal.isEmpty()) {
        return handler.apply(request);
      }
      return CompletableFuture.completedFuture(trailersOnly(UNAUTHENTICATED, refusal.get()));
    };
  }

  /** A call that fails before its first message: status and message in the only header frame. */
  static HttpResponse trailersOnly(int status, String message) {
    return HttpResponse.create()
        .withEntity(
            HttpEntities.create(
                ContentTypes.parse("application/grpc+proto"), ByteString.emptyByteString()))
        .addHeader(RawHeader.create("grpc-status", Integer.toString(status)))
        .addHeader(RawHeader.create("grpc-message", message));
  }
}
