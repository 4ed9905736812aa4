package io.iotsim.core.profile;

import io.iotsim.core.generator.GeneratorSpec;
import java.util.Objects;

/**
 * One telemetry field of a profile: its name (the payload key), how it is generated, and how many
 * decimal places the payload keeps.
 */
public record FieldSpec(String name, GeneratorSpec generator, int precision) {

  public static final int DEFAULT_PRECISION = 3;
  public static final int MAX_PRECISION = 9;

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(generator, "generator");
    if (precision < 0 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException(
          "precision must be from 0 to " + MAX_PRECISION + " (got " + precision + ")");
    }
  }
}
