package io.iotsim.core.seed;

/**
 * The seed chain: {@code masterSeed -> deviceSeed -> fieldSeed} (see docs/architecture.md), so a
 * device's telemetry depends only on the master seed and its own id, never on spawn order or on
 * which node runs it.
 */
public final class Seeds {

  private Seeds() {}

  public static long deviceSeed(long masterSeed, String deviceId) {
    return masterSeed ^ Fnv1a64.hash(deviceId);
  }

  public static long fieldSeed(long deviceSeed, String fieldName) {
    return deviceSeed ^ Fnv1a64.hash(fieldName);
  }

  /**
   * The device's offset inside its interval, in {@code [0, intervalMillis)}. Device seeds of
   * neighbouring ids differ in few bits; the mix spreads them so a fleet does not tick in step.
   */
  public static long phaseMillis(long deviceSeed, long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("interval must be > 0 ms (got " + intervalMillis + ")");
    }
    return Long.remainderUnsigned(mix(deviceSeed), intervalMillis);
  }

  /** The SplitMix64 finalizer (Stafford's variant 13): a bijection on longs with full avalanche. */
  public static long mix(long x) {
    long z = x;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
