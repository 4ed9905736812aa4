package io.iotsim.http.api;

/** {@code POST /api/v1/scenarios} as JSON: the scenario file's YAML text and an optional name. */
public record ScenarioRequest(String source, String name) {}
