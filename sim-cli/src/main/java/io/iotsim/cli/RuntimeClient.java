package io.iotsim.cli;

import com.typesafe.config.ConfigFactory;
import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceClient;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;

/** A gRPC client of one node, with the small local actor system it runs on. */
final class RuntimeClient implements AutoCloseable {

  /**
   * grpc-java logs a failed connection through java.util.logging, onto the terminal, before the
   * call fails; the command reports the failure itself (address and cause), so only severe messages
   * get through. Held here: JUL keeps loggers weakly.
   */
  private static final java.util.logging.Logger GRPC_LOG =
      java.util.logging.Logger.getLogger("io.grpc");

  static {
    GRPC_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private final ActorSystem<Void> system;
  private final DeviceRuntimeServiceClient client;
  private final String host;
  private final int port;
  private io.iotsim.proto.simulator.v1.ScenarioServiceClient scenarios;

  RuntimeClient(RuntimeOption target) {
    this.host = target.host();
    this.port = target.port();
    this.system =
        ActorSystem.create(
            Behaviors.empty(),
            "iot-sim-client",
            ConfigFactory.parseString(
                    "pekko.actor.provider = local\n"
                        + "pekko.loglevel = WARNING\n"
                        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n")
                .withFallback(ConfigFactory.load()));
    this.client =
        DeviceRuntimeServiceClient.create(
            GrpcClientSettings.connectToServiceAt(host, port, system)
                .withTls(false)
                .withConnectionAttempts(3),
            system);
  }

  DeviceRuntimeServiceClient grpc() {
    return client;
  }

  /** The node's ScenarioService, over the same settings. */
  synchronized io.iotsim.proto.simulator.v1.ScenarioServiceClient scenarios() {
    if (scenarios == null) {
      scenarios =
          io.iotsim.proto.simulator.v1.ScenarioServiceClient.create(
              GrpcClientSettings.connectToServiceAt(host, port, system)
                  .withTls(false)
                  .withConnectionAttempts(3),
              system);
    }
    return scenarios;
  }

  ActorSystem<Void> system() {
    return system;
  }

  @Override
  public void close() {
    client.close().toCompletableFuture().join();
    if (scenarios != null) {
      scenarios.close().toCompletableFuture().join();
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
