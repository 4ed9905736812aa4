package io.iotsim.core.generator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of generator types beyond the built-in ones the profile validator reads itself
 * (gaussian, static, brownian, diurnal, markov, composite, counter). One line per generator.
 */
public final class GeneratorTypes {

  private static final Map<String, GeneratorType> TYPES = new LinkedHashMap<>();

  static {
    register(new SawtoothGenerator.Type());
  }

  private GeneratorTypes() {}

  /** Adds a type; its name must be new. */
  public static synchronized void register(GeneratorType type) {
    if (TYPES.putIfAbsent(type.name(), type) != null) {
      throw new IllegalStateException("generator type '" + type.name() + "' is already registered");
    }
  }

  public static synchronized Optional<GeneratorType> named(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  public static synchronized Collection<GeneratorType> all() {
    return java.util.List.copyOf(TYPES.values());
  }
}
