package io.iotsim.core.publish.http;

/** A reading's payload copied out of the device's buffer, waiting for its batch. */
record Outgoing(byte[] payload, long handedOverNanos, String deviceType) {}
