package io.iotsim.core.payload;

import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import java.util.List;

/**
 * The parts of a profile's envelope that never change: built once per profile and shared by every
 * device and thread, so the encoder copies bytes instead of escaping the same keys a million times.
 */
public final class EnvelopeLayout {

  private final byte[] deviceType;
  private final byte[][] fieldKeys;
  private final int[] precisions;

  private EnvelopeLayout(byte[] deviceType, byte[][] fieldKeys, int[] precisions) {
    this.deviceType = deviceType;
    this.fieldKeys = fieldKeys;
    this.precisions = precisions;
  }

  public static EnvelopeLayout of(DeviceProfile p) {
    List<FieldSpec> fields = p.fields();
    byte[][] keys = new byte[fields.size()][];
    int[] precisions = new int[fields.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = JsonBytes.quoted(fields.get(i).name());
      precisions[i] = fields.get(i).precision();
    }
    return new EnvelopeLayout(JsonBytes.quoted(p.type()), keys, precisions);
  }

  public int fieldCount() {
    return fieldKeys.length;
  }

  /** The device type as a JSON string literal, quotes included. */
  byte[] deviceType() {
    return deviceType;
  }

  /** Field {@code i}'s name as a JSON string literal, quotes included. */
  byte[] fieldKey(int i) {
    return fieldKeys[i];
  }

  int precision(int i) {
    return precisions[i];
  }
}
