package io.iotsim.http.api;

/** Devices {@code first_device_id .. last_device_id} were started. */
public record SpawnResponse(
    String deviceType, int count, String firstDeviceId, String lastDeviceId, long firstIndex) {}
