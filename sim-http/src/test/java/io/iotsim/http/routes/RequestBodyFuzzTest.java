package io.iotsim.http.routes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iotsim.http.api.FaultRequest;
import io.iotsim.http.api.SpawnRequest;
import io.iotsim.http.api.Target;
import io.iotsim.http.api.TargetRequest;
import io.iotsim.http.api.UpdateRequest;
import io.iotsim.http.json.Json;
import io.iotsim.http.profiles.ProfileCatalog;
import java.nio.charset.StandardCharsets;

/**
 * The REST API's JSON bodies, read as the routes read them (Json.read, then the selection and an
 * inline profile): whatever the bytes, the outcome is a value or an error the API answers with a
 * 4xx ({@link ApiErrors#answer}); an exception that would become a 500 is a finding. Runs its
 * corpus (RequestBodyFuzzTestInputs) as regression tests without JAZZER_FUZZ.
 */
class RequestBodyFuzzTest {

  @FuzzTest(maxDuration = "3m")
  void bodies(byte[] input) {
    // every body is tried as each request type: the seeds stay readable JSON files
    String body = new String(input, StandardCharsets.UTF_8);
    for (int kind = 0; kind < 4; kind++) {
      try {
        switch (kind) {
          case 0 -> {
            SpawnRequest r = Json.read(body, SpawnRequest.class);
            if (r.profileInline() != null) {
              ProfileCatalog.inline(r.profileInline(), "profile_inline");
            }
          }
          case 1 -> select(Json.read(body, FaultRequest.class));
          case 2 -> select(Json.read(body, UpdateRequest.class));
          default -> select(Json.read(body, TargetRequest.class));
        }
      } catch (RuntimeException e) {
        int status = ApiErrors.answer(e).status().intValue();
        if (status < 400 || status >= 500) {
          throw new AssertionError("a body answered " + status + " instead of 4xx: " + e, e);
        }
      }
    }
  }

  private static void select(Target t) {
    Selection.of(t);
  }
}
