package io.iotsim.core.generator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parameters of one generator mapping, for a {@link GeneratorType} to read; problems are
 * reported at their path.
 */
public interface GeneratorParams {

  /** A required number; null when missing or not a number (reported). */
  Double required(String key);

  /** A number, {@code fallback} when absent; null when not a number (reported). */
  Double optional(String key, Double fallback);

  /** {@code value} unless it is negative (reported as {@code key}); null stays null. */
  Double nonNegative(Double value, String key);

  /** The raw value of {@code key}, or null when absent. */
  JsonNode raw(String key);

  /** Reports a problem with the parameter {@code key}. */
  void problem(String key, String message);
}
