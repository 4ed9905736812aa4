package io.iotsim.core.publish.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * FNV-1a 64-bit hash. Picks a device's pooled connection: stable across runs, JVMs and nodes
 * (unlike {@link String#hashCode()} it is not a contract that could change, and it mixes the short
 * numeric suffixes of device ids well).
 */
final class Fnv1a {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fnv1a() {}

  static long hash64(byte[] bytes) {
    long hash = OFFSET_BASIS;
    for (byte b : bytes) {
      hash ^= (b & 0xff);
      hash *= PRIME;
    }
    return hash;
  }

  /** Over the UTF-8 bytes; for ASCII ids this walks the chars without allocating. */
  static long hash64(String text) {
    long hash = OFFSET_BASIS;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return hash64(text.getBytes(StandardCharsets.UTF_8));
      }
      hash ^= c;
      hash *= PRIME;
    }
    return hash;
  }

  /** The slot in [0, buckets) of {@code key}: the unsigned hash modulo the bucket count. */
  static int bucket(String key, int buckets) {
    return (int) Long.remainderUnsigned(hash64(key), buckets);
  }
}
