package io.iotsim.core.payload;

import io.iotsim.core.generator.Reading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Encodes readings as the JSON envelope, byte-exact and without allocating once its buffer has
 * grown: at 200,000 readings a second every allocated byte counts.
 *
 * <pre>{"device_id":"…","device_type":"…","timestamp":"2026-01-01T00:00:03.120Z",
 * "fields":{"temperature":22.413,"state":"locked","ok":true},"labels":{"firmware":"1.2.0"}}</pre>
 *
 * <p>Not thread-safe: one per thread, reused for every reading. The bytes are valid until the next
 * {@link #encode}.
 */
public final class EnvelopeEncoder {

  private static final byte[] DEVICE_ID = ascii("{\"device_id\":");
  private static final byte[] DEVICE_TYPE = ascii(",\"device_type\":");
  private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
  private static final byte[] FIELDS = ascii("\",\"fields\":{");
  private static final byte[] LABELS = ascii("},\"labels\":{");
  private static final byte[] END = ascii("}}");
  private static final byte[] NULL = ascii("null");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");

  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /** Below this a scaled value and its +0.5 are exact in a double, and its digits fit a long. */
  private static final double FAST_PATH_LIMIT = 1e15;

  // Howard Hinnant's days-from-civil bounds: 0000-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z
  private static final long MIN_MILLIS = -62_167_219_200_000L;
  private static final long MAX_MILLIS = 253_402_300_799_999L;

  private byte[] buf = new byte[512];
  private int pos;
  // bound once: Map.forEach with it allocates neither an iterator nor a lambda per reading
  private final BiConsumer<String, String> labelWriter = this::writeLabel;

  /**
   * Encodes one reading into {@link #buffer()}.
   *
   * @param labels written in the map's iteration order (give a LinkedHashMap or an unmodifiable
   *     view of one: their forEach walks the entries without allocating)
   * @return the number of bytes written at the start of {@link #buffer()}
   */
  public int encode(
      EnvelopeLayout layout,
      String deviceId,
      long simTimeMillis,
      Reading reading,
      Map<String, String> labels) {
    if (reading.size() != layout.fieldCount()) {
      throw new IllegalArgumentException(
          "reading has " + reading.size() + " values for " + layout.fieldCount() + " fields");
    }
    pos = 0;
    put(DEVICE_ID);
    putQuoted(deviceId);
    put(DEVICE_TYPE);
    put(layout.deviceType());
    put(TIMESTAMP);
    putTimestamp(simTimeMillis);
    put(FIELDS);
    int n = layout.fieldCount();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        putByte((byte) ',');
      }
      put(layout.fieldKey(i));
      putByte((byte) ':');
      putValue(reading, i, layout.precision(i));
    }
    put(LABELS);
    labels.forEach(labelWriter);
    put(END);
    return pos;
  }

  /** The encoded bytes are {@code buffer()[0, length)} for the length the last encode returned. */
  public byte[] buffer() {
    return buf;
  }

  private void putValue(Reading reading, int i, int precision) {
    Reading.Kind kind = reading.kind(i);
    if (kind == null) {
      put(NULL);
      return;
    }
    switch (kind) {
      case NUMBER:
        putNumber(reading.number(i), precision);
        break;
      case TEXT:
        String text = reading.text(i);
        if (text == null) {
          put(NULL);
        } else {
          putQuoted(text);
        }
        break;
      case FLAG:
        put(reading.flag(i) ? TRUE : FALSE);
        break;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  private void writeLabel(String key, String value) {
    if (buf[pos - 1] != '{') {
      putByte((byte) ',');
    }
    putQuoted(key);
    putByte((byte) ':');
    putQuoted(value);
  }

  /**
   * {@code v} rounded half away from zero to {@code precision} places, trailing zeros and dot
   * trimmed, never {@code -0}; NaN and infinities as {@code null}.
   */
  private void putNumber(double v, int precision) {
    if (!Double.isFinite(v)) {
      put(NULL);
      return;
    }
    double scaled = Math.abs(v) * POW10[precision];
    if (!(scaled < FAST_PATH_LIMIT)) {
      putSlowNumber(v, precision);
      return;
    }
    long units = (long) scaled;
    if (scaled - units >= 0.5) {
      units++;
    }
    if (units == 0) {
      putByte((byte) '0');
      return;
    }
    ensure(24);
    if (v < 0) {
      buf[pos++] = '-';
    }
    long pow = POW10[precision];
    putDigits(units / pow);
    long fraction = units % pow;
    if (fraction != 0) {
      int digits = precision;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      buf[pos++] = '.';
      putPadded(fraction, digits);
    }
  }

  /** Huge values: BigDecimal is exact where the long arithmetic would overflow. Rare, allocates. */
  private void putSlowNumber(double v, int precision) {
    BigDecimal rounded = BigDecimal.valueOf(v).setScale(precision, RoundingMode.HALF_UP);
    String text = rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      buf[pos++] = (byte) text.charAt(i);
    }
  }

  /** ISO-8601 UTC with exactly three millisecond digits, by integer arithmetic. */
  private void putTimestamp(long millis) {
    if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
      throw new IllegalArgumentException(
          "timestamp outside years 0000-9999 (epoch millis " + millis + ")");
    }
    long days = Math.floorDiv(millis, 86_400_000L);
    int msOfDay = (int) Math.floorMod(millis, 86_400_000L);
    // civil_from_days (Howard Hinnant), exact for the proleptic Gregorian calendar
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));

    ensure(24);
    putPadded(year, 4);
    buf[pos++] = '-';
    putPadded(month, 2);
    buf[pos++] = '-';
    putPadded(day, 2);
    buf[pos++] = 'T';
    putPadded(msOfDay / 3_600_000, 2);
    buf[pos++] = ':';
    putPadded(msOfDay / 60_000 % 60, 2);
    buf[pos++] = ':';
    putPadded(msOfDay / 1000 % 60, 2);
    buf[pos++] = '.';
    putPadded(msOfDay % 1000, 3);
    buf[pos++] = 'Z';
  }

  /** Writes a non-negative value in decimal; the caller ensured room. */
  private void putDigits(long value) {
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    putPadded(value, digits);
  }

  /** Writes {@code value} as exactly {@code width} digits, zero-padded; the caller ensured room. */
  private void putPadded(long value, int width) {
    for (int i = pos + width - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    pos += width;
  }

  private void putQuoted(String s) {
    ensure(JsonBytes.maxQuotedLength(s));
    pos = JsonBytes.writeQuoted(buf, pos, s);
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void putByte(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
