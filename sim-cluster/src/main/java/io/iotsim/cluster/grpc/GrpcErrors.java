package io.iotsim.cluster.grpc;

import io.grpc.Status;
import io.iotsim.cluster.fleet.FleetFullException;
import io.iotsim.cluster.fleet.NoDeviceMatchedException;
import io.iotsim.core.profile.ProfileException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.grpc.GrpcServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from what the fleet throws to gRPC status codes: bad input is INVALID_ARGUMENT
 * with the reason (naming the field), a full node RESOURCE_EXHAUSTED, a missing device or a
 * selection that matched none NOT_FOUND, a timeout DEADLINE_EXCEEDED; anything else INTERNAL,
 * logged. The node keeps running whatever a client sends.
 */
final class GrpcErrors {

  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  /** Runs {@code call}, turning both its thrown and its failed outcomes into gRPC statuses. */
  static <T> CompletionStage<T> guard(Supplier<CompletionStage<T>> call) {
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(toGrpc(e));
    }
    return stage.handle(
        (value, error) -> {
          if (error != null) {
            throw toGrpc(error);
          }
          return value;
        });
  }

  static GrpcServiceException notFound(String message) {
    return new GrpcServiceException(Status.NOT_FOUND.withDescription(message));
  }

  static GrpcServiceException toGrpc(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof GrpcServiceException g) {
      return g;
    }
    if (e instanceof ProfileException || e instanceof IllegalArgumentException) {
      return new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
    }
    if (e instanceof NoDeviceMatchedException) {
      return notFound(e.getMessage());
    }
    if (e instanceof FleetFullException) {
      return new GrpcServiceException(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()));
    }
    if (e instanceof TimeoutException) {
      return new GrpcServiceException(Status.DEADLINE_EXCEEDED.withDescription(e.getMessage()));
    }
    // The cause stays in the node's log (CallLog adds the request id to both the log and the
    // description); the caller learns nothing of the node's internals.
    log.error("request failed", e);
    return new GrpcServiceException(
        Status.INTERNAL.withDescription("internal error; the node's log has the details"));
  }
}
