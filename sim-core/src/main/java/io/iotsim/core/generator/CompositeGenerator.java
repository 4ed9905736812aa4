package io.iotsim.core.generator;

/** The sum of numeric parts, e.g. a daily cycle plus measurement noise. */
final class CompositeGenerator extends NumberSource {

  private final NumberSource[] parts;

  CompositeGenerator(NumberSource[] parts) {
    super(0);
    this.parts = parts;
  }

  @Override
  double nextNumber(long simTimeMillis) {
    double sum = 0;
    for (NumberSource part : parts) {
      sum += part.nextNumber(simTimeMillis);
    }
    return sum;
  }
}
