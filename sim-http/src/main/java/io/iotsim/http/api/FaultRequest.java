package io.iotsim.http.api;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/faults}: a fault ({@code disconnect}, {@code latency_spike}, {@code
 * data_corruption}, {@code battery_drain}, {@code clock_drift}) on the selected devices for a
 * simulated duration, with the fault's parameters.
 */
public record FaultRequest(
    Boolean all,
    String deviceType,
    List<String> ids,
    String selector,
    String faultType,
    String duration,
    Map<String, Object> params)
    implements Target {}
