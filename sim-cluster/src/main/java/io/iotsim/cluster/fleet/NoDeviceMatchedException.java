package io.iotsim.cluster.fleet;

import io.iotsim.core.selector.Selector;

/**
 * A stop, pause, resume, fault or update whose selection matched no device on this node: HTTP 404 /
 * gRPC NOT_FOUND / CLI exit 2, so a mistyped selector is told apart from one that changed nothing.
 */
public final class NoDeviceMatchedException extends RuntimeException {

  public NoDeviceMatchedException(Selector selector) {
    super("selector: matched 0 devices (" + selector + ")");
  }
}
