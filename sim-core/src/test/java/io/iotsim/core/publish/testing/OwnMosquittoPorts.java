package io.iotsim.core.publish.testing;

import java.io.IOException;

/** Free loopback ports, for brokers and servers a test starts (or a port nothing listens on). */
public final class OwnMosquittoPorts {

  private OwnMosquittoPorts() {}

  public static int free() throws IOException {
    return OwnMosquitto.freePort();
  }
}
