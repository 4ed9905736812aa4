package io.iotsim.core.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Durations as users write them in profiles and scenarios: {@code 500ms}, {@code 5s}, {@code 1m},
 * {@code 1h}, {@code 1d}, combinations such as {@code 1h30m}, and decimals such as {@code 1.5s}.
 */
public final class Durations {

  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /**
   * The longest duration anything accepts: ten years. Far past any interval, fault or wait a
   * simulation needs, and short enough that simulated clocks, timers and millisecond or nanosecond
   * arithmetic on it never overflow a long.
   */
  public static final Duration MAX = Duration.ofDays(3650);

  private Durations() {}

  /**
   * Parses {@code text}; whitespace around it is ignored.
   *
   * @throws IllegalArgumentException for anything else, negatives and durations over {@link #MAX}
   *     included, with a message that says what is expected and what was given
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw invalid("null");
    }
    String s = text.strip();
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
        int fractionStart = i;
        while (i < n && isDigit(s.charAt(i))) {
          i++;
        }
        if (i == fractionStart) {
          throw invalid(text);
        }
      }
      if (i == start || !isDigit(s.charAt(start))) {
        throw invalid(text);
      }
      BigDecimal number = new BigDecimal(s.substring(start, i));
      long unitNanos;
      if (s.startsWith("ms", i)) {
        unitNanos = NANOS_PER_MILLI;
        i += 2;
      } else if (i < n && s.charAt(i) == 's') {
        unitNanos = NANOS_PER_SECOND;
        i++;
      } else if (i < n && s.charAt(i) == 'm') {
        unitNanos = 60 * NANOS_PER_SECOND;
        i++;
      } else if (i < n && s.charAt(i) == 'h') {
        unitNanos = 3600 * NANOS_PER_SECOND;
        i++;
      } else if (i < n && s.charAt(i) == 'd') {
        unitNanos = 86_400 * NANOS_PER_SECOND;
        i++;
      } else {
        throw invalid(text);
      }
      totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
    }
    if (totalNanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
      throw outOfRange(text);
    }
    BigDecimal[] secondsAndNanos =
        totalNanos
            .setScale(0, RoundingMode.HALF_UP)
            .divideAndRemainder(BigDecimal.valueOf(NANOS_PER_SECOND));
    try {
      return Duration.ofSeconds(
          secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    } catch (ArithmeticException e) {
      throw invalid(text);
    }
  }

  /**
   * The shortest form that {@link #parse} reads back to the same duration: {@code 5s}, {@code
   * 1m30s}, {@code 250ms}, {@code 1.5s}, {@code 1d2h}; zero is {@code 0s}.
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative (got " + d + ")");
    }
    if (d.isZero()) {
      return "0s";
    }
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    StringBuilder sb = new StringBuilder();
    appendUnit(sb, seconds / 86_400, 'd');
    appendUnit(sb, seconds % 86_400 / 3600, 'h');
    appendUnit(sb, seconds % 3600 / 60, 'm');
    long secs = seconds % 60;
    if (nanos == 0) {
      appendUnit(sb, secs, 's');
    } else if (secs == 0 && nanos % NANOS_PER_MILLI == 0) {
      sb.append(nanos / NANOS_PER_MILLI).append("ms");
    } else {
      sb.append(
              BigDecimal.valueOf(secs * NANOS_PER_SECOND + nanos, 9)
                  .stripTrailingZeros()
                  .toPlainString())
          .append('s');
    }
    return sb.toString();
  }

  private static void appendUnit(StringBuilder sb, long value, char unit) {
    if (value != 0) {
      sb.append(value).append(unit);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * {@code d} itself when it lies in {@code [0, MAX]}, for durations that arrive already parsed
   * (protobuf {@code Duration}s).
   *
   * @throws IllegalArgumentException saying the allowed range and what was given
   */
  public static Duration checkRange(Duration d) {
    if (d.isNegative() || d.compareTo(MAX) > 0) {
      throw outOfRange(d.getSeconds() + "s");
    }
    return d;
  }

  private static IllegalArgumentException outOfRange(String got) {
    return new IllegalArgumentException(
        "must be between 0s and " + format(MAX) + " (got '" + got.strip() + "')");
  }

  private static IllegalArgumentException invalid(String got) {
    return new IllegalArgumentException(
        "must be a duration like 500ms, 5s, 1m or 1h (got '" + got + "')");
  }
}
