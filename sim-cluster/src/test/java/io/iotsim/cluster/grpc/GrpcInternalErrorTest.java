package io.iotsim.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** An exception nobody expected becomes INTERNAL without its message or class. */
class GrpcInternalErrorTest {

  @Test
  void anUnexpectedExceptionIsInternalWithoutInternals() {
    var e =
        GrpcErrors.toGrpc(
            new CompletionException(new NullPointerException("io.iotsim.secret at /srv/node")));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription())
        .contains("internal error")
        .doesNotContain("NullPointer", "io.iotsim", "/srv/node");
  }
}
