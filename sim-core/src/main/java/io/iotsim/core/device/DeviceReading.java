package io.iotsim.core.device;

import java.util.List;
import java.util.Map;

/**
 * One reading as observers (gRPC StreamTelemetry, SSE) see it. Built only when someone is
 * listening, so devices allocate nothing for it otherwise.
 *
 * @param values one per field name: Double (NaN for a corrupted reading), String or Boolean
 */
public record DeviceReading(
    String deviceId,
    String deviceType,
    Map<String, String> labels,
    long simTimeMillis,
    long sequence,
    List<String> fieldNames,
    Object[] values) {}
