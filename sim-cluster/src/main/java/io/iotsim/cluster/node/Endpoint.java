package io.iotsim.cluster.node;

import java.net.InetSocketAddress;

/**
 * A server a {@link NodeExtension} started on the node.
 *
 * @param name what it serves ({@code grpc}, {@code http}), the key of {@link SimNode#endpoint}
 * @param address where it listens (the actual port when configured with port 0)
 * @param banner a line for the start-up banner
 */
public record Endpoint(String name, InetSocketAddress address, String banner) {}
