package io.iotsim.client;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a client proves itself to a node and checks the node: the bearer token sent on every call,
 * and TLS from PEM files (the CA that signed the node's certificate; for mutual TLS the client's
 * own certificate and PKCS#8 key). Any PEM file turns TLS on.
 */
public record ClientSecurity(
    Optional<String> token,
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile) {

  public ClientSecurity {
    token = token.map(String::strip).filter(t -> !t.isEmpty());
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException(
          "tls: a client certificate needs its key and the key its certificate (--tls-cert with"
              + " --tls-key)");
    }
  }

  public static ClientSecurity none() {
    return new ClientSecurity(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** {@code iot-sim.client.token} and {@code iot-sim.client.tls-*} ("" = unset). */
  public static ClientSecurity fromConfig(Config c) {
    return new ClientSecurity(
        text(c, "token"),
        text(c, "tls-ca").map(Path::of),
        text(c, "tls-cert").map(Path::of),
        text(c, "tls-key").map(Path::of));
  }

  private static Optional<String> text(Config c, String key) {
    return c.hasPath(key) && !c.getString(key).isBlank()
        ? Optional.of(c.getString(key))
        : Optional.empty();
  }

  public boolean tls() {
    return caFile.isPresent() || certFile.isPresent();
  }

  public ClientSecurity withToken(String t) {
    return new ClientSecurity(Optional.ofNullable(t), caFile, certFile, keyFile);
  }

  public ClientSecurity withTls(Path ca, Path cert, Path key) {
    return new ClientSecurity(
        token, Optional.ofNullable(ca), Optional.ofNullable(cert), Optional.ofNullable(key));
  }
}
