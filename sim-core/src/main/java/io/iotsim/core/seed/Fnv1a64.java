package io.iotsim.core.seed;

/**
 * FNV-1a, 64 bit, over the UTF-8 bytes of a string. Spelled out here (not a library call) because
 * device and field seeds are derived from it: a replay must give the same seeds on every JVM and in
 * every version of this code.
 */
public final class Fnv1a64 {

  static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  static final long PRIME = 0x100000001b3L;

  private Fnv1a64() {}

  /** Hashes the UTF-8 encoding of {@code s} without allocating the byte array. */
  public static long hash(String s) {
    long h = OFFSET_BASIS;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        h = step(h, c);
      } else if (c < 0x800) {
        h = step(h, 0xc0 | (c >>> 6));
        h = step(h, 0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        h = step(h, 0xf0 | (cp >>> 18));
        h = step(h, 0x80 | ((cp >>> 12) & 0x3f));
        h = step(h, 0x80 | ((cp >>> 6) & 0x3f));
        h = step(h, 0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        // A lone surrogate: String.getBytes(UTF_8) writes '?', so do we.
        h = step(h, '?');
      } else {
        h = step(h, 0xe0 | (c >>> 12));
        h = step(h, 0x80 | ((c >>> 6) & 0x3f));
        h = step(h, 0x80 | (c & 0x3f));
      }
    }
    return h;
  }

  /** FNV-1a 64 of raw bytes. */
  public static long hash(byte[] bytes) {
    long h = OFFSET_BASIS;
    for (byte b : bytes) {
      h = step(h, b);
    }
    return h;
  }

  /** A stable bucket in [0, buckets) for a key: device to connection, lane, channel. */
  public static int bucket(String key, int buckets) {
    return (int) Long.remainderUnsigned(hash(key), buckets);
  }

  private static long step(long h, int b) {
    return (h ^ (b & 0xff)) * PRIME;
  }
}
