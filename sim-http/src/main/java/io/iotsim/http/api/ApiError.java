package io.iotsim.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error answer: {@code {"error": "count: must be >= 1 (got 0)", "field":
 * "count"}}; {@code problems} lists each problem of a profile when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field, List<Problem> problems) {

  public record Problem(String field, String message) {}

  public static ApiError of(String error, String field) {
    return new ApiError(error, field, null);
  }
}
