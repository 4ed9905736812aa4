package io.iotsim.core;

/**
 * Marker for messages that may cross nodes; bound to Pekko's jackson-cbor serializer in
 * reference.conf. Tests run with {@code pekko.actor.serialize-messages = on}, so a message that
 * cannot cross the wire fails there, not in production.
 */
public interface CborSerializable {}
