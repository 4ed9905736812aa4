package io.iotsim.cli;

import picocli.CommandLine.Option;

/** {@code --runtime host:port}: the node a client command talks to. */
final class RuntimeOption {

  @Option(
      names = "--runtime",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:50051",
      description = "Node to talk to (default ${DEFAULT-VALUE}).")
  String runtime;

  String host() {
    return split()[0];
  }

  int port() {
    return Integer.parseInt(split()[1]);
  }

  private String[] split() {
    int colon = runtime.lastIndexOf(':');
    if (colon <= 0 || colon == runtime.length() - 1) {
      throw new IllegalArgumentException("--runtime: must be host:port (got '" + runtime + "')");
    }
    String port = runtime.substring(colon + 1);
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--runtime: port must be 1..65535 (got '" + port + "')");
    }
    return new String[] {runtime.substring(0, colon), port};
  }
}
