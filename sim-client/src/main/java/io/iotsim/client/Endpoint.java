package io.iotsim.client;

import java.util.ArrayList;
import java.util.List;

/** Where a node serves gRPC: {@code host:port}. */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("endpoint host: required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("endpoint port: must be 1..65535 (got " + port + ")");
    }
  }

  /** Parses {@code host:port}. */
  public static Endpoint parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("must be host:port (got '" + s + "')");
    }
    String port = s.substring(colon + 1);
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port must be 1..65535 (got '" + port + "')");
    }
    return new Endpoint(s.substring(0, colon), p);
  }

  /** Parses a comma-separated list, {@code a:50051,b:50051}. */
  public static List<Endpoint> parseList(String text) {
    List<Endpoint> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no endpoint given (expected host:port[,host:port...])");
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
