package io.iotsim.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.SpawnRequest;
import io.iotsim.http.api.TargetRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static ApiException error(String body, Class<?> type) {
    try {
      Json.read(body, type);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("accepted " + body);
  }

  @Test
  void readsSnakeCaseIntoRecords() {
    SpawnRequest r =
        Json.read("{\"profile\":\"p\",\"count\":3,\"labels\":{\"a\":\"b\"}}", SpawnRequest.class);
    assertThat(r.profile()).isEqualTo("p");
    assertThat(r.count()).isEqualTo(3L);
    assertThat(r.labels()).isEqualTo(Map.of("a", "b"));
    assertThat(Json.read("{\"device_type\":\"t\"}", TargetRequest.class).deviceType())
        .isEqualTo("t");
  }

  @Test
  void namesTheFieldOfEveryMistake() {
    assertThat(error("{\"nope\":1}", SpawnRequest.class).toError().field()).isEqualTo("nope");
    assertThat(error("{\"count\":\"3\"}", SpawnRequest.class).getMessage())
        .isEqualTo("count: must be an integer");
    assertThat(error("{\"count\":true}", SpawnRequest.class).getMessage())
        .isEqualTo("count: must be an integer");
    assertThat(error("{\"labels\":[1]}", SpawnRequest.class).getMessage())
        .isEqualTo("labels: must be a JSON object");
    assertThat(error("{\"labels\":{\"a\":{}}}", SpawnRequest.class).toError().field())
        .isEqualTo("labels.a");
    assertThat(error("{\"ids\":[\"a\",5]}", TargetRequest.class).toError().field())
        .isEqualTo("ids[1]");
    assertThat(error("{\"all\":\"yes\"}", TargetRequest.class).getMessage())
        .isEqualTo("all: must be true or false");
    assertThat(error("{} {}", TargetRequest.class).toError().field()).isEqualTo("body");
    assertThat(error("{\"a\":", TargetRequest.class).getMessage())
        .startsWith("body: malformed JSON at line 1");
    assertThat(error("null", TargetRequest.class).getMessage())
        .isEqualTo("body: must be a JSON object (got null)");
  }

  @Test
  void writesSnakeCase() {
    assertThat(Json.write(new io.iotsim.http.api.SpawnResponse("t", 1, "t-000001", "t-000001", 1)))
        .isEqualTo(
            "{\"device_type\":\"t\",\"count\":1,\"first_device_id\":\"t-000001\",\"last_device_id\":\"t-000001\",\"first_index\":1}");
  }

  @Test
  void messagesLeadWithTheirField() {
    assertThat(Messages.fieldOf("count: must be >= 1")).isEqualTo("count");
    assertThat(Messages.fieldOf("telemetry_fields.h.stddev: must be >= 0"))
        .isEqualTo("telemetry_fields.h.stddev");
    assertThat(Messages.fieldOf("something went wrong")).isNull();
    assertThat(List.of(Timestamps.iso(0), Timestamps.iso(1_767_225_603_120L)))
        .containsExactly("1970-01-01T00:00:00.000Z", "2026-01-01T00:00:03.120Z");
  }
}
