package io.iotsim.core.publish.mqtt;

/** A reading copied out of the device's reused buffer, waiting for its connection. */
record Outgoing(String topic, int qos, byte[] payload, long handedOverNanos, String deviceType) {}
