package io.iotsim.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.http.json.Json;
import org.junit.jupiter.api.Test;

/** An exception nobody expected answers 500 with a request id, and nothing of the node. */
class InternalErrorTest {

  @Test
  void anUnexpectedExceptionIs500WithARequestIdAndNoInternals() {
    var answer =
        ApiErrors.answer(
            new NullPointerException("Cannot invoke io.iotsim.secret.Thing.x() at /srv/node"));
    assertThat(answer.status().intValue()).isEqualTo(500);
    String body = Json.write(answer.body());
    assertThat(body)
        .contains("internal error", "request id")
        .doesNotContain("NullPointerException", "io.iotsim", "/srv/node", "at ");
    assertThat(body)
        .containsPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }
}
