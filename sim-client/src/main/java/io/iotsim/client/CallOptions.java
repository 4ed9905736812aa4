package io.iotsim.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-call options: a deadline (else the client's default) and a request id (else a new one). The
 * request id travels as the {@code x-request-id} header on every attempt of the call; the node logs
 * it and ends error descriptions with it. For a spawn it is also the idempotency key.
 */
public record CallOptions(Optional<Duration> deadline, Optional<String> requestId) {

  public static CallOptions defaults() {
    return new CallOptions(Optional.empty(), Optional.empty());
  }

  public static CallOptions deadline(Duration d) {
    return defaults().withDeadline(d);
  }

  public CallOptions withDeadline(Duration d) {
    return new CallOptions(Optional.of(d), requestId);
  }

  public CallOptions withRequestId(String id) {
    return new CallOptions(deadline, Optional.of(id));
  }
}
