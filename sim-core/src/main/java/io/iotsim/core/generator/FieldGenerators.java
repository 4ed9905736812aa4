package io.iotsim.core.generator;

import java.util.List;

/**
 * The generators of a profile's fields, shared by every device that runs the profile, and where
 * each field's state sits in a device's state array: a device holds one {@code long[]} for all its
 * fields (the temperature sensor, three fields: 80 B) instead of an object per field.
 */
public final class FieldGenerators {

  private static final long[] NO_STATE = new long[0];

  private final FieldGenerator[] generators;
  private final int[] offsets;
  private final int stateSize;

  public FieldGenerators(List<GeneratorSpec> specs) {
    this.generators = new FieldGenerator[specs.size()];
    this.offsets = new int[specs.size()];
    int size = 0;
    for (int i = 0; i < generators.length; i++) {
      generators[i] = specs.get(i).generator();
      offsets[i] = size;
      size += generators[i].stateSize();
    }
    this.stateSize = size;
  }

  public int size() {
    return generators.length;
  }

  /** A device's state, still to be {@linkplain #seed seeded} field by field. */
  public long[] newState() {
    return stateSize == 0 ? NO_STATE : new long[stateSize];
  }

  /** Whether field {@code i} keeps state (and so needs a seed). */
  public boolean stateful(int i) {
    return generators[i].stateSize() > 0;
  }

  /** Starts field {@code i} of the device whose state is {@code state} from {@code fieldSeed}. */
  public void seed(int i, long fieldSeed, long[] state) {
    generators[i].seed(fieldSeed, state, offsets[i]);
  }

  /**
   * Copies field {@code i}'s state from {@code state}, laid out by {@code from}, into {@code to}.
   */
  public void carry(int i, FieldGenerators from, long[] state, long[] to) {
    System.arraycopy(state, from.offsets[i], to, offsets[i], generators[i].stateSize());
  }

  /**
   * Every field's value for the reading at {@code simTimeMillis}, into slots 0.. of {@code into}.
   */
  public void next(long simTimeMillis, long[] state, Reading into) {
    into.reset(generators.length);
    for (int i = 0; i < generators.length; i++) {
      generators[i].next(simTimeMillis, state, offsets[i], into, i);
    }
  }
}
