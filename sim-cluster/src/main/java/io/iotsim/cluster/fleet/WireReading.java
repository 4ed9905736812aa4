package io.iotsim.cluster.fleet;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.device.DeviceReading;
import java.util.List;
import java.util.Map;

/**
 * A reading on its way from its node's hub to the entry node of a stream. Values travel typed
 * (number, text or flag per field) rather than as {@code Object}s.
 *
 * @param kinds one character per field: {@code d} number (in {@code numbers}), {@code s} text (in
 *     {@code texts}), {@code b} flag (in {@code texts}, "true"/"false")
 * @param lostBefore readings of this stream the source node lost since the previous one sent
 */
public record WireReading(
    String deviceId,
    String deviceType,
    Map<String, String> labels,
    long simTimeMillis,
    long sequence,
    List<String> fieldNames,
    String kinds,
    double[] numbers,
    String[] texts,
    long lostBefore)
    implements CborSerializable {

  static WireReading of(DeviceReading r, long lostBefore) {
    int n = r.values().length;
    StringBuilder kinds = new StringBuilder(n);
    double[] numbers = new double[n];
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      Object v = r.values()[i];
      if (v instanceof Number num) {
        kinds.append('d');
        numbers[i] = num.doubleValue();
      } else if (v instanceof Boolean b) {
        kinds.append('b');
        texts[i] = b.toString();
      } else {
        kinds.append('s');
        texts[i] = String.valueOf(v);
      }
    }
    return new WireReading(
        r.deviceId(),
        r.deviceType(),
        r.labels(),
        r.simTimeMillis(),
        r.sequence(),
        r.fieldNames(),
        kinds.toString(),
        numbers,
        texts,
        lostBefore);
  }

  DeviceReading toReading() {
    Object[] values = new Object[kinds.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (kinds.charAt(i)) {
            case 'd' -> numbers[i];
            case 'b' -> Boolean.valueOf(texts[i]);
            default -> texts[i];
          };
    }
    return new DeviceReading(
        deviceId, deviceType, labels, simTimeMillis, sequence, fieldNames, values);
  }
}
