package io.iotsim.core.device;

/** Device ids are {@code {type}-{n}} with n zero-padded to 6 digits, unique per type. */
public final class DeviceIds {

  private DeviceIds() {}

  public static String format(String deviceType, long index) {
    String n = Long.toString(index);
    StringBuilder sb = new StringBuilder(deviceType.length() + 1 + Math.max(6, n.length()));
    sb.append(deviceType).append('-');
    for (int i = n.length(); i < 6; i++) {
      sb.append('0');
    }
    return sb.append(n).toString();
  }

  /** The type part of an id, or null when it is not of our form. */
  public static String typeOf(String deviceId) {
    int dash = deviceId.lastIndexOf('-');
    return dash <= 0 ? null : deviceId.substring(0, dash);
  }

  /** The index part of an id, or -1 when it is not of our form. */
  public static long indexOf(String deviceId) {
    int dash = deviceId.lastIndexOf('-');
    if (dash <= 0 || dash == deviceId.length() - 1) {
      return -1;
    }
    long n = 0;
    for (int i = dash + 1; i < deviceId.length(); i++) {
      char c = deviceId.charAt(i);
      if (c < '0' || c > '9' || n > Long.MAX_VALUE / 10) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
