package io.iotsim.core.payload;

/** JSON string escaping into UTF-8, the one set of rules shared by the layout and the encoder. */
final class JsonBytes {

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private JsonBytes() {}

  /** The most bytes {@code s} can take as an escaped JSON string, quotes included. */
  static int maxQuotedLength(String s) {
    // an escaped control char takes 6 bytes; any other char at most 3 UTF-8 bytes
    return 6 * s.length() + 2;
  }

  /** Writes {@code s} as a quoted JSON string at {@code pos}; returns the new position. */
  static int writeQuoted(byte[] buf, int pos, String s) {
    buf[pos++] = '"';
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c == '"' || c == '\\') {
          buf[pos++] = '\\';
        }
        buf[pos++] = (byte) c;
      } else if (c < 0x20) {
        pos = writeUnicodeEscape(buf, pos, c);
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xc0 | (c >>> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xf0 | (cp >>> 18));
        buf[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
        buf[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        // a lone surrogate has no UTF-8 form; JSON readers accept the escape
        pos = writeUnicodeEscape(buf, pos, c);
      } else {
        buf[pos++] = (byte) (0xe0 | (c >>> 12));
        buf[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    buf[pos++] = '"';
    return pos;
  }

  static byte[] quoted(String s) {
    byte[] buf = new byte[maxQuotedLength(s)];
    int len = writeQuoted(buf, 0, s);
    return java.util.Arrays.copyOf(buf, len);
  }

  private static int writeUnicodeEscape(byte[] buf, int pos, char c) {
    buf[pos++] = '\\';
    buf[pos++] = 'u';
    buf[pos++] = HEX[(c >>> 12) & 0xf];
    buf[pos++] = HEX[(c >>> 8) & 0xf];
    buf[pos++] = HEX[(c >>> 4) & 0xf];
    buf[pos++] = HEX[c & 0xf];
    return pos;
  }
}
