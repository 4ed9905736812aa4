package io.iotsim.cluster.grpc;

import io.grpc.Status;
import io.iotsim.cluster.security.StreamPermits;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A gRPC stream opens only with one of the node's {@link StreamPermits} (RESOURCE_EXHAUSTED when
 * none is left) and gives it back however it ends: completed, failed or cancelled by the client.
 */
final class StreamLimit {

  private StreamLimit() {}

  static <T> Source<T, NotUsed> limited(StreamPermits permits, Supplier<Source<T, NotUsed>> open) {
    var permit = permits.tryAcquire();
    if (permit.isEmpty()) {
      return Source.failed(
          new GrpcServiceException(Status.RESOURCE_EXHAUSTED.withDescription(permits.refusal())));
    }
    Source<T, NotUsed> source;
    try {
      source = open.get();
    } catch (RuntimeException e) {
      permit.get().release();
      throw e;
    }
    return source.watchTermination(
        (m, done) -> {
          done.whenComplete((d, t) -> permit.get().release());
          return m;
        });
  }
}
