package io.iotsim.http.api;

import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * A request the API answers with an error status: what went wrong, which field of the request it
 * concerns (null when none), and for a profile every problem found.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient StatusCode status;
  private final String field;
  private final transient List<ApiError.Problem> problems;

  public ApiException(
      StatusCode status, String field, String message, List<ApiError.Problem> problems) {
    super(message);
    this.status = status;
    this.field = field;
    this.problems = problems == null ? null : List.copyOf(problems);
  }

  public ApiException(StatusCode status, String field, String message) {
    this(status, field, message, null);
  }

  /** 400, with the message led by the field: {@code "count: must be >= 1 (got 0)"}. */
  public static ApiException badRequest(String field, String reason) {
    return new ApiException(StatusCodes.BAD_REQUEST, field, field + ": " + reason);
  }

  public static ApiException notFound(String field, String message) {
    return new ApiException(StatusCodes.NOT_FOUND, field, message);
  }

  public static ApiException conflict(String field, String message) {
    return new ApiException(StatusCodes.CONFLICT, field, message);
  }

  public StatusCode status() {
    return status;
  }

  public ApiError toError() {
    return new ApiError(getMessage(), field, problems);
  }
}
