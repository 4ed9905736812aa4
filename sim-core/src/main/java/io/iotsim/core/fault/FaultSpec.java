package io.iotsim.core.fault;

import io.iotsim.core.CborSerializable;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fault as injected: what, from which simulated instant, for how long, with its parameters
 * already parsed and checked. Immutable; crosses nodes. A fault acts on the readings whose
 * scheduled time falls in {@code [startSimMillis, endSimMillis())}.
 *
 * @param params the parameters as given (text), for events and listings
 */
public record FaultSpec(
    FaultType type,
    long startSimMillis,
    long durationMillis,
    long latencyMillis,
    double corruptionRate,
    double drainMultiplier,
    String field,
    double drainPerSecond,
    double driftRateMsPerSec,
    Map<String, String> params)
    implements CborSerializable {

  /**
   * The battery field a {@link FaultType#BATTERY_DRAIN} drains unless {@code field} says otherwise.
   */
  public static final String DEFAULT_BATTERY_FIELD = "battery";

  public static final long MAX_LATENCY_MILLIS = 600_000;

  public long endSimMillis() {
    return startSimMillis + durationMillis;
  }

  /** True when a reading scheduled at {@code simMillis} is affected. */
  public boolean covers(long simMillis) {
    return simMillis >= startSimMillis && simMillis - startSimMillis < durationMillis;
  }

  /**
   * A checked fault.
   *
   * @param params numbers or their text (from the command line), by parameter name
   * @throws IllegalArgumentException naming the parameter ({@code params.latency_ms}, {@code
   *     duration}) and the reason
   */
  public static FaultSpec of(
      FaultType type, long startSimMillis, Duration duration, Map<String, ?> params) {
    if (type == null) {
      throw new IllegalArgumentException("fault_type: required, one of " + FaultType.names());
    }
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("duration: must be > 0 (got " + duration + ")");
    }
    Map<String, String> text = new TreeMap<>();
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String key = e.getKey();
      if (!key.equals(FaultType.REASON) && !type.params().contains(key)) {
        throw new IllegalArgumentException(
            "params."
                + key
                + ": unknown parameter for "
                + type.yamlName()
                + " (expected "
                + (type.params().isEmpty() ? "" : String.join(", ", type.params()) + " or ")
                + FaultType.REASON
                + ")");
      }
      text.put(key, valueText(e.getValue()));
    }
    long latency = 0;
    double rate = 0;
    double multiplier = 1;
    String field = DEFAULT_BATTERY_FIELD;
    double drainPerSecond = 0;
    double drift = 0;
    switch (type) {
      case DISCONNECT -> {}
      case LATENCY_SPIKE -> {
        double ms = number(params, "latency_ms", true);
        if (ms < 1 || ms > MAX_LATENCY_MILLIS) {
          throw new IllegalArgumentException(
              "params.latency_ms: must be 1.."
                  + MAX_LATENCY_MILLIS
                  + " (got "
                  + text.get("latency_ms")
                  + ")");
        }
        latency = Math.round(ms);
      }
      case DATA_CORRUPTION -> {
        rate = number(params, "corruption_rate", true);
        if (rate < 0 || rate > 1) {
          throw new IllegalArgumentException(
              "params.corruption_rate: must be from 0.0 to 1.0 (got "
                  + text.get("corruption_rate")
                  + ")");
        }
      }
      case BATTERY_DRAIN -> {
        multiplier = number(params, "drain_multiplier", true);
        if (multiplier < 1) {
          throw new IllegalArgumentException(
              "params.drain_multiplier: must be >= 1 (got " + text.get("drain_multiplier") + ")");
        }
        if (params.containsKey("field")) {
          field = text.get("field");
          if (field.isBlank()) {
            throw new IllegalArgumentException("params.field: must name a telemetry field");
          }
        }
        if (params.containsKey("drain_per_second")) {
          drainPerSecond = number(params, "drain_per_second", true);
          if (drainPerSecond <= 0) {
            throw new IllegalArgumentException(
                "params.drain_per_second: must be > 0 (got " + text.get("drain_per_second") + ")");
          }
        }
      }
      case CLOCK_DRIFT -> drift = number(params, "drift_rate_ms_per_sec", true);
    }
    return new FaultSpec(
        type,
        startSimMillis,
        duration.toMillis(),
        latency,
        rate,
        multiplier,
        field,
        drainPerSecond,
        drift,
        Map.copyOf(text));
  }

  private static double number(Map<String, ?> params, String key, boolean required) {
    Object v = params.get(key);
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException("params." + key + ": required");
      }
      return 0;
    }
    double d;
    if (v instanceof Number n) {
      d = n.doubleValue();
    } else {
      try {
        d = Double.parseDouble(v.toString().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "params." + key + ": must be a number (got '" + v + "')");
      }
    }
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(
          "params." + key + ": must be a finite number (got " + v + ")");
    }
    return d;
  }

  private static String valueText(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  /**
   * Checks the fault against the profiles of the devices it is for, before any device takes it: a
   * battery drain needs its field in at least one of them.
   *
   * @throws IllegalArgumentException naming the parameter and the profile
   */
  public void checkAgainst(java.util.Collection<io.iotsim.core.profile.DeviceProfile> profiles) {
    if (type != FaultType.BATTERY_DRAIN || profiles.isEmpty()) {
      return;
    }
    for (io.iotsim.core.profile.DeviceProfile p : profiles) {
      for (io.iotsim.core.profile.FieldSpec f : p.fields()) {
        if (f.name().equals(field)) {
          return;
        }
      }
    }
    String types =
        profiles.stream()
            .map(io.iotsim.core.profile.DeviceProfile::type)
            .distinct()
            .sorted()
            .collect(java.util.stream.Collectors.joining("', '"));
    throw new IllegalArgumentException(
        "params.field: profile '" + types + "' has no field '" + field + "' to drain");
  }
}
