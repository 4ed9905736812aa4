package io.iotsim.cluster.fleet;

/** Devices {@code deviceType-firstIndex .. deviceType-(firstIndex+count-1)} were started. */
public record SpawnResult(
    String deviceType, long firstIndex, int count, String firstDeviceId, String lastDeviceId) {}
