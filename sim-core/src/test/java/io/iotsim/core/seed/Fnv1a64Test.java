package io.iotsim.core.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Fnv1a64Test {

  @Test
  void matchesThePublishedTestVectors() {
    assertThat(Fnv1a64.hash("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(Fnv1a64.hash("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(Fnv1a64.hash("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void hashesTheUtf8BytesOfNonAsciiText() {
    for (String s : new String[] {"température", "温度センサー", "emoji \uD83C\uDF21", "lone \uD800 x"}) {
      assertThat(Fnv1a64.hash(s)).as(s).isEqualTo(reference(s.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static long reference(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
