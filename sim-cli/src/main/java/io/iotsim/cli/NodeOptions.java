package io.iotsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.iotsim.cluster.node.NodeConfig;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run a node ({@code node}, {@code run}, {@code bench}), and
 * how they layer: reference.conf defaults -> --config file -> IOT_SIM_* environment -> these flags.
 */
final class NodeOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HOCON config file (see reference.conf).")
  File config;

  @Option(
      names = "--master-seed",
      paramLabel = "S",
      description = "Master seed; 0 picks a random one.")
  Long masterSeed;

  @Option(names = "--max-devices", paramLabel = "N", description = "Most devices this node runs.")
  Integer maxDevices;

  @Option(
      names = "--mqtt-url",
      paramLabel = "URL",
      description = "MQTT broker, tcp://host:port or ssl://host:port.")
  String mqttUrl;

  @Option(
      names = "--amqp-url",
      paramLabel = "URL",
      description = "AMQP broker, amqp://user:pass@host:port/vhost.")
  String amqpUrl;

  @Option(
      names = "--http-endpoint",
      paramLabel = "URL",
      description = "HTTP ingestion endpoint for protocol http.")
  String httpEndpoint;

  @Option(
      names = "--coap-endpoint",
      paramLabel = "URI",
      description = "CoAP URI template for protocol coap.")
  String coapEndpoint;

  /** Flags as config paths; only the ones given. */
  Map<String, Object> flags() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (masterSeed != null) {
      m.put("iot-sim.node.master-seed", masterSeed);
    }
    if (maxDevices != null) {
      m.put("iot-sim.node.max-devices", maxDevices);
    }
    if (mqttUrl != null) {
      m.put("iot-sim.mqtt.url", mqttUrl);
    }
    if (amqpUrl != null) {
      m.put("iot-sim.amqp.url", amqpUrl);
    }
    if (httpEndpoint != null) {
      m.put("iot-sim.http.endpoint", httpEndpoint);
    }
    if (coapEndpoint != null) {
      m.put("iot-sim.coap.endpoint", coapEndpoint);
    }
    return m;
  }

  /**
   * The layered config: the command's own {@code overrides} and flags, environment, file, defaults.
   */
  Config load(Map<String, Object> overrides) {
    Map<String, Object> all = new LinkedHashMap<>(flags());
    all.putAll(overrides);
    Config file = ConfigFactory.empty();
    if (config != null) {
      if (!config.isFile()) {
        throw new IllegalArgumentException("--config: no such file " + config);
      }
      file = ConfigFactory.parseFile(config);
    }
    return NodeConfig.load(ConfigFactory.parseMap(all), file);
  }
}
