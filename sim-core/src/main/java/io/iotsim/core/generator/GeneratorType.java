package io.iotsim.core.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A kind of generator as profiles name it: how its parameters are read and written back. A new
 * generator is one file (its {@link GeneratorSpec}, its {@link FieldGenerator} and this) plus one
 * line in {@link GeneratorTypes}; the validator, the profile tree and the wire mapping then know
 * it.
 */
public interface GeneratorType {

  /** The profile's name for it ({@code type: NAME}); the spec's {@link GeneratorSpec#type()}. */
  String name();

  /** The parameters it reads; any other key is reported as unknown. */
  List<String> parameters();

  /** The spec, or null when a parameter had a problem (reported through {@code params}). */
  GeneratorSpec read(GeneratorParams params);

  /** Writes the spec's parameters (not its type) as a profile file holds them. */
  void write(GeneratorSpec spec, ObjectNode into);
}
