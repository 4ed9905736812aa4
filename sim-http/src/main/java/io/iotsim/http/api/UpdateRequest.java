package io.iotsim.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/devices/update}: a new telemetry interval, generators replaced by field name
 * (a profile's {@code telemetry_fields} shape), labels set and removed.
 */
public record UpdateRequest(
    Boolean all,
    String deviceType,
    List<String> ids,
    String selector,
    String telemetryInterval,
    Map<String, JsonNode> telemetryFields,
    Map<String, String> setLabels,
    List<String> removeLabels)
    implements Target {}
