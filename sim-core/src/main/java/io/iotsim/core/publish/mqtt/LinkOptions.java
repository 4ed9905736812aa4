package io.iotsim.core.publish.mqtt;

import java.net.InetAddress;

/**
 * What differs between the connections of one publisher.
 *
 * @param localAddress source address to bind, or null for the system's choice
 * @param willTopic topic of the last will, or null for none
 * @param willPayload payload of the last will
 */
record LinkOptions(
    String clientId,
    String username,
    String password,
    InetAddress localAddress,
    String willTopic,
    byte[] willPayload) {}
