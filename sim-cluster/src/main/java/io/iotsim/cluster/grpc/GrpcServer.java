package io.iotsim.cluster.grpc;

import io.iotsim.cluster.node.Endpoint;
import io.iotsim.cluster.node.NodeExtension;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceHandlerFactory;
import io.iotsim.proto.simulator.v1.ScenarioServiceHandlerFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.Http;

/**
 * Binds a node's gRPC port (simulator.v1 DeviceRuntimeService and ScenarioService) when the node
 * serves; the first extension to start, so the banner lists it first. On CoordinatedShutdown it
 * stops taking calls (service-unbind), then gives open calls and streams {@link #DRAIN} to finish.
 */
public final class GrpcServer implements NodeExtension {

  /** Open calls (telemetry and event streams) get this long to finish when the node shuts down. */
  private static final Duration DRAIN = Duration.ofSeconds(5);

  @Override
  public int order() {
    return 0;
  }

  @Override
  public CompletionStage<Endpoint> start(SimNode node) {
    var system = node.system();
    var handler =
        ServiceHandler.concatOrNotFound(
            DeviceRuntimeServiceHandlerFactory.partial(
                new DeviceRuntimeServiceImpl(node), "simulator.v1.DeviceRuntimeService", system),
            ScenarioServiceHandlerFactory.partial(
                new ScenarioServiceImpl(node.scenarios()), "simulator.v1.ScenarioService", system));
    return Http.get(system)
        .newServerAt(node.settings().grpcHost(), node.settings().grpcPort())
        .bind(handler)
        .thenApply(
            binding -> {
              CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
              shutdown.addTask(
                  CoordinatedShutdown.PhaseServiceUnbind(),
                  "iot-sim-grpc-unbind",
                  () -> binding.unbind().thenApply(d -> Done.getInstance()));
              shutdown.addTask(
                  CoordinatedShutdown.PhaseServiceRequestsDone(),
                  "iot-sim-grpc-drain",
                  () -> binding.terminate(DRAIN).thenApply(t -> Done.getInstance()));
              var at = binding.localAddress();
              return new Endpoint("grpc", at, "gRPC on " + at.getHostString() + ":" + at.getPort());
            });
  }
}
