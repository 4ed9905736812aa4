package io.iotsim.core.generator;

/** Fixed values: no state. */
final class StaticGenerators {

  private StaticGenerators() {}

  static FieldGenerator of(Object value) {
    if (value instanceof Double d) {
      return new StaticNumber(d);
    }
    if (value instanceof Boolean b) {
      return (t, state, at, reading, slot) -> reading.setFlag(slot, b);
    }
    String s = (String) value;
    return (t, state, at, reading, slot) -> reading.setText(slot, s);
  }

  static final class StaticNumber extends NumberSource {
    private final double value;

    StaticNumber(double value) {
      this.value = value;
    }

    @Override
    double nextNumber(long simTimeMillis, long[] state, int at) {
      return value;
    }
  }
}
