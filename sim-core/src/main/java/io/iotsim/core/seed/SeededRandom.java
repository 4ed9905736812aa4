package io.iotsim.core.seed;

/**
 * A fully specified PRNG (SplitMix64) so that replays never depend on JDK internals. One exists per
 * field per device, so it holds only its state and the polar method's spare deviate.
 *
 * <p>Not thread-safe: confined to the device that owns it.
 */
public class SeededRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long state;
  // NaN means "no spare": the polar method never produces NaN, and a boolean would cost a field.
  private double spare = Double.NaN;

  public SeededRandom(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return Seeds.mix(state);
  }

  /** Uniform in [0, 1), from the top 53 bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /** Uniform in [0, bound), unbiased (rejection sampling on 31 bits). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0 (got " + bound + ")");
    }
    int r = (int) (nextLong() >>> 33);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
      // rejected: u fell in the incomplete last block of size bound
    }
    return r;
  }

  /** Standard normal deviate (Marsaglia polar method); every second call returns the spare. */
  public double nextGaussian() {
    double s = spare;
    if (!Double.isNaN(s)) {
      spare = Double.NaN;
      return s;
    }
    double u;
    double v;
    double q;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q == 0);
    double mul = StrictMath.sqrt(-2 * StrictMath.log(q) / q);
    spare = v * mul;
    return u * mul;
  }
}
