package io.iotsim.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code POST /api/v1/devices/spawn}: a profile by name or path in the profiles directory, or
 * inline (the profile's YAML shape as JSON); how many (default 1); labels added to the profile's.
 */
public record SpawnRequest(
    String profile, JsonNode profileInline, Long count, Map<String, String> labels) {}
