package io.iotsim.core.generator;

/** Fixed values. Stateless, so one instance per spec is shared by every device. */
final class StaticGenerators {

  private StaticGenerators() {}

  static FieldGenerator of(Object value) {
    if (value instanceof Double d) {
      return new StaticNumber(d);
    }
    if (value instanceof Boolean b) {
      return (t, reading, slot) -> reading.setFlag(slot, b);
    }
    String s = (String) value;
    return (t, reading, slot) -> reading.setText(slot, s);
  }

  static final class StaticNumber extends NumberSource {
    private final double value;

    StaticNumber(double value) {
      super(0);
      this.value = value;
    }

    @Override
    double nextNumber(long simTimeMillis) {
      return value;
    }
  }
}
