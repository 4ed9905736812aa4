package io.iotsim.core.profile;

/**
 * One thing wrong with a profile: where ({@code telemetry_fields.humidity.stddev}) and what ({@code
 * must be >= 0 (got -1.0)}).
 */
public record Problem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
