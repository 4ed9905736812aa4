package io.iotsim.cluster.security;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The bearer token a node's REST, SSE and gRPC calls must carry ({@code Authorization: Bearer T}),
 * from {@code iot-sim.security.api-token} or the file named by {@code api-token-file}. Empty means
 * no token: allowed only while every server binds a loopback address.
 */
public final class ApiToken {

  /** What a caller without the right token is told (never which part was wrong). */
  public static final String MISSING =
      "missing bearer token: send 'Authorization: Bearer <token>' (iot-sim --token or"
          + " IOT_SIM_API_TOKEN)";

  public static final String WRONG = "invalid bearer token";

  private static final String PREFIX = "Bearer ";

  private final byte[] digest;

  private ApiToken(byte[] digest) {
    this.digest = digest;
  }

  /** No token: every caller is let in. */
  public static ApiToken none() {
    return new ApiToken(null);
  }

  public static ApiToken of(String token) {
    if (token == null || token.isBlank()) {
      return none();
    }
    return new ApiToken(sha256(token.strip()));
  }

  /**
   * @throws IllegalArgumentException naming the key when the file cannot be read or both are set
   */
  public static ApiToken from(Config root) {
    Config c = root.getConfig("iot-sim.security");
    String inline = c.getString("api-token");
    String file = c.getString("api-token-file");
    if (!inline.isBlank() && !file.isBlank()) {
      throw new IllegalArgumentException(
          "iot-sim.security: give api-token or api-token-file, not both");
    }
    if (file.isBlank()) {
      return of(inline);
    }
    try {
      String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException(
            "iot-sim.security.api-token-file: " + file + " is empty");
      }
      return of(token);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "iot-sim.security.api-token-file: cannot read " + file + " (" + e.getMessage() + ")", e);
    }
  }

  public boolean configured() {
    return digest != null;
  }

  /**
   * Why a request with this {@code Authorization} header value is refused, or empty when it may
   * pass. Compares digests with {@link MessageDigest#isEqual} (constant time, and equal length
   * whatever the caller sent), so the answer's timing tells nothing about the token.
   */
  public Optional<String> refusal(Optional<String> authorization) {
    if (digest == null) {
      return Optional.empty();
    }
    if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, PREFIX, 0, 7)) {
      return Optional.of(MISSING);
    }
    byte[] presented = sha256(authorization.get().substring(PREFIX.length()).strip());
    return MessageDigest.isEqual(digest, presented) ? Optional.empty() : Optional.of(WRONG);
  }

  /**
   * Refuses to serve on {@code host} without a token unless it is a loopback address: anyone who
   * can reach a non-loopback port could otherwise drive the fleet.
   *
   * @throws IllegalArgumentException saying what to set
   */
  public void requireFor(String what, String host) {
    if (configured() || loopback(host)) {
      return;
    }
    throw new IllegalArgumentException(
        what
            + ": refusing to serve on "
            + host
            + " (not a loopback address) without an API token; set IOT_SIM_API_TOKEN or"
            + " iot-sim.security.api-token(-file), or bind 127.0.0.1");
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return configured() ? "ApiToken(configured)" : "ApiToken(none)";
  }
}
