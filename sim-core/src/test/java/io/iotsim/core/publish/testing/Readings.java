package io.iotsim.core.publish.testing;

import io.iotsim.core.publish.EncodedReading;
import java.nio.charset.StandardCharsets;

/** Readings as a device hands them over: one reused view and buffer, a JSON envelope. */
public final class Readings {

  private final EncodedReading reading = new EncodedReading();
  private final byte[] buffer = new byte[512];

  /** Device {@code prefix-NNNNNN} for {@code n}. */
  public static String deviceId(String prefix, int n) {
    return String.format("%s-%06d", prefix, n);
  }

  public static String envelope(String deviceId, long seq) {
    return "{\"device_id\":\""
        + deviceId
        + "\",\"device_type\":\"test_sensor\",\"ts\":"
        + (1_700_000_000_000L + seq * 1000)
        + ",\"seq\":"
        + seq
        + ",\"fields\":{\"temperature\":"
        + (20 + seq % 10)
        + ".5}}";
  }

  /** The reading of device {@code deviceId} number {@code seq}, payload in the reused buffer. */
  public EncodedReading next(String deviceId, String topic, long seq, int qos) {
    byte[] bytes = envelope(deviceId, seq).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, buffer, 0, bytes.length);
    // Poison the tail so a publisher that keeps the buffer instead of copying is caught.
    buffer[bytes.length] = '!';
    return reading.set(
        deviceId,
        "test_sensor",
        topic,
        1_700_000_000_000L + seq * 1000,
        seq,
        qos,
        buffer,
        bytes.length);
  }
}
