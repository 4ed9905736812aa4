package io.iotsim.core.fault;

import java.util.List;
import java.util.Locale;

/** The faults a device can suffer, with the parameters each takes. */
public enum FaultType {
  /** Stops publishing; the device keeps generating. Reverts after the duration. */
  DISCONNECT(List.of()),
  /** Delays each publish by {@code latency_ms} of wall time, without blocking the device. */
  LATENCY_SPIKE(List.of("latency_ms")),
  /** Numeric fields become NaN, zero or a spike with probability {@code corruption_rate}. */
  DATA_CORRUPTION(List.of("corruption_rate")),
  /** The battery field drains {@code drain_multiplier} times as fast. */
  BATTERY_DRAIN(List.of("drain_multiplier", "field", "drain_per_second")),
  /** The payload timestamp runs ahead (or behind) by {@code drift_rate_ms_per_sec}. */
  CLOCK_DRIFT(List.of("drift_rate_ms_per_sec"));

  /** Every fault may carry a free-text reason (shown in events). */
  public static final String REASON = "reason";

  private final List<String> params;

  FaultType(List<String> params) {
    this.params = params;
  }

  /** Parameters this fault understands besides {@link #REASON}. */
  public List<String> params() {
    return params;
  }

  /** Lower-case name, as written in scenarios and on the command line: {@code disconnect}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code disconnect}, {@code DISCONNECT} or {@code FAULT_TYPE_DISCONNECT}.
   *
   * @throws IllegalArgumentException naming {@code field} and the accepted values
   */
  public static FaultType parse(String text, String field) {
    if (text != null) {
      String s = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      if (s.startsWith("FAULT_TYPE_")) {
        s = s.substring("FAULT_TYPE_".length());
      }
      for (FaultType t : values()) {
        if (t.name().equals(s)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException(
        field + ": unknown fault type '" + text + "' (expected one of " + names() + ")");
  }

  public static String names() {
    StringBuilder b = new StringBuilder();
    for (FaultType t : values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(t.yamlName());
    }
    return b.toString();
  }
}
