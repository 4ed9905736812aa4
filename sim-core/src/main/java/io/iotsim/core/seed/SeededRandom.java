package io.iotsim.core.seed;

/**
 * A fully specified PRNG (SplitMix64) so that replays never depend on JDK internals.
 *
 * <p>A million devices each keep a stream per field, so a stream is two longs in a device's state
 * array rather than an object: {@code state[at]} is the SplitMix64 state and {@code state[at + 1]}
 * the polar method's spare deviate (only {@link #nextGaussian(long[], int)} uses it). The static
 * methods work on such a slice; an instance is a stream of its own, for the few that are not a
 * device's (fault draws).
 *
 * <p>Not thread-safe: confined to the device that owns it.
 */
public final class SeededRandom {

  /** The longs a stream takes in a state array. */
  public static final int SIZE = 2;

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  /** NaN means "no spare": the polar method never produces NaN. */
  private static final long NO_SPARE = Double.doubleToRawLongBits(Double.NaN);

  private final long[] stream = new long[SIZE];

  public SeededRandom(long seed) {
    seed(stream, 0, seed);
  }

  /** Starts the stream at {@code state[at]} from {@code seed}. */
  public static void seed(long[] state, int at, long seed) {
    state[at] = seed;
    state[at + 1] = NO_SPARE;
  }

  public static long nextLong(long[] state, int at) {
    long s = state[at] + GOLDEN_GAMMA;
    state[at] = s;
    return Seeds.mix(s);
  }

  /** Uniform in [0, 1), from the top 53 bits. */
  public static double nextDouble(long[] state, int at) {
    return (nextLong(state, at) >>> 11) * DOUBLE_UNIT;
  }

  /** Standard normal deviate (Marsaglia polar method); every second call returns the spare. */
  public static double nextGaussian(long[] state, int at) {
    long spare = state[at + 1];
    if (spare != NO_SPARE) {
      state[at + 1] = NO_SPARE;
      return Double.longBitsToDouble(spare);
    }
    double u;
    double v;
    double q;
    do {
      u = 2 * nextDouble(state, at) - 1;
      v = 2 * nextDouble(state, at) - 1;
      q = u * u + v * v;
    } while (q >= 1 || q == 0);
    double mul = StrictMath.sqrt(-2 * StrictMath.log(q) / q);
    state[at + 1] = Double.doubleToRawLongBits(v * mul);
    return u * mul;
  }

  public long nextLong() {
    return nextLong(stream, 0);
  }

  /** Uniform in [0, 1), from the top 53 bits. */
  public double nextDouble() {
    return nextDouble(stream, 0);
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
    return nextGaussian(stream, 0);
  }
}
