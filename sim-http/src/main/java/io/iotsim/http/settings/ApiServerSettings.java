package io.iotsim.http.settings;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code iot-sim.http} block and the node's HTTP address, read once at start (reference.conf
 * documents every key).
 */
public record ApiServerSettings(
    String host,
    int port,
    Path profilesDir,
    Path uiDir,
    long maxBodyBytes,
    int defaultPageSize,
    Duration sseKeepAlive,
    int sseBatchSize,
    Duration sseFlushInterval,
    Duration sseDroppedReportInterval,
    List<String> corsAllowedOrigins,
    int metricsPort) {

  /** Fleet.list accepts pages up to this size. */
  public static final int MAX_PAGE_SIZE = 10_000;

  /**
   * @throws IllegalArgumentException naming the key when a value is invalid
   */
  public static ApiServerSettings from(Config root, String host, int port) {
    Config c = root.getConfig("iot-sim.http");
    long maxBody = c.getBytes("max-body-size");
    if (maxBody < 1024) {
      throw new IllegalArgumentException(
          "iot-sim.http.max-body-size: must be >= 1k (got " + maxBody + " bytes)");
    }
    int pageSize = c.getInt("default-page-size");
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "iot-sim.http.default-page-size: must be 1.."
              + MAX_PAGE_SIZE
              + " (got "
              + pageSize
              + ")");
    }
    int batch = c.getInt("sse.batch-size");
    if (batch < 1 || batch > 5000) {
      throw new IllegalArgumentException(
          "iot-sim.http.sse.batch-size: must be 1..5000 (got " + batch + ")");
    }
    return new ApiServerSettings(
        host,
        port,
        Path.of(c.getString("profiles-dir")),
        Path.of(c.getString("ui-dir")),
        maxBody,
        pageSize,
        positive(c, "sse.keep-alive"),
        batch,
        positive(c, "sse.flush-interval"),
        positive(c, "sse.dropped-report-interval"),
        origins(c),
        metricsPort(c));
  }

  /** A list in a file, or "a,b" from the environment. */
  private static List<String> origins(Config c) {
    if (c.getValue("cors.allowed-origins").valueType()
        == com.typesafe.config.ConfigValueType.LIST) {
      return List.copyOf(c.getStringList("cors.allowed-origins"));
    }
    return java.util.Arrays.stream(c.getString("cors.allowed-origins").split(","))
        .map(String::strip)
        .filter(o -> !o.isEmpty())
        .toList();
  }

  private static int metricsPort(Config c) {
    int port = c.getInt("metrics-port");
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException(
          "iot-sim.http.metrics-port: must be -1 (the API port), 0 (any free port) or a port"
              + " (got "
              + port
              + ")");
    }
    return port;
  }

  /** Whether /healthz, /readyz and /metrics have a port of their own. */
  public boolean separateMetricsPort() {
    return metricsPort >= 0;
  }

  private static Duration positive(Config c, String key) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("iot-sim.http." + key + ": must be > 0 (got " + d + ")");
    }
    return d;
  }
}
