package io.iotsim.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.grpc.GrpcServiceException;

/**
 * Runs one logical call as attempts: each goes to the current endpoint; an UNAVAILABLE answer fails
 * that endpoint over and, if the call is safe to repeat, tries again after a backoff, as long as
 * attempts and the deadline last. Every attempt carries the same request id.
 */
final class Attempts {

  private final Connections connections;
  private final RetryPolicy policy;

  Attempts(Connections connections, RetryPolicy policy) {
    this.connections = connections;
    this.policy = policy;
  }

  <T> CompletionStage<T> run(
      String method,
      boolean repeatable,
      Duration deadline,
      String requestId,
      Function<Connections.Node, CompletionStage<T>> attempt) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long deadlineAt = System.nanoTime() + deadline.toNanos();
    next(method, repeatable, deadline, deadlineAt, requestId, attempt, 1, result);
    return result;
  }

  private <T> void next(
      String method,
      boolean repeatable,
      Duration deadline,
      long deadlineAt,
      String requestId,
      Function<Connections.Node, CompletionStage<T>> attempt,
      int n,
      CompletableFuture<T> result) {
    Connections.Node node;
    CompletionStage<T> stage;
    try {
      node = connections.current();
      stage = attempt.apply(node);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    long remaining = Math.max(1, deadlineAt - System.nanoTime());
    stage
        .toCompletableFuture()
        .thenApply(v -> v)
        .orTimeout(remaining, TimeUnit.NANOSECONDS)
        .whenComplete(
            (value, error) -> {
              if (error == null) {
                result.complete(value);
                return;
              }
              Throwable e = unwrap(error);
              if (e instanceof TimeoutException) {
                result.completeExceptionally(
                    deadlineExceeded(method, deadline, node.endpoint(), requestId, null));
                return;
              }
              if (!unavailable(e)) {
                result.completeExceptionally(e);
                return;
              }
              connections.unavailable(node);
              if (!repeatable || n >= policy.maxAttempts()) {
                result.completeExceptionally(e);
                return;
              }
              long wait = policy.backoff(n).toNanos();
              if (System.nanoTime() + wait >= deadlineAt) {
                result.completeExceptionally(
                    deadlineExceeded(method, deadline, node.endpoint(), requestId, e));
                return;
              }
              CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS)
                  .execute(
                      () ->
                          next(
                              method,
                              repeatable,
                              deadline,
                              deadlineAt,
                              requestId,
                              attempt,
                              n + 1,
                              result));
            });
  }

  private static StatusRuntimeException deadlineExceeded(
      String method, Duration deadline, Endpoint at, String requestId, Throwable last) {
    Status s =
        Status.DEADLINE_EXCEEDED.withDescription(
            method
                + ": deadline of "
                + deadline.toMillis()
                + " ms exceeded (last endpoint "
                + at
                + ") [request-id "
                + requestId
                + "]");
    return new StatusRuntimeException(last == null ? s : s.withCause(last));
  }

  /**
   * The node could not be reached or is going away: nothing was done, or it is safe to ask again.
   */
  static boolean unavailable(Throwable e) {
    Status s = status(e);
    if (s != null) {
      return s.getCode() == Status.Code.UNAVAILABLE;
    }
    // Pekko gRPC fails calls this way once a channel gave up connecting.
    return e.getClass().getSimpleName().equals("ClientConnectionException");
  }

  /** The gRPC status of a failed call, whichever way the runtime reported it. */
  static Status status(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    if (t instanceof GrpcServiceException g) {
      return g.getStatus();
    }
    if (t instanceof io.grpc.StatusException s) {
      return s.getStatus();
    }
    return null;
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
