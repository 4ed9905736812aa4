package io.iotsim.cluster.grpc;

import com.typesafe.config.Config;
import io.iotsim.cluster.metrics.GrpcMetrics;
import io.iotsim.cluster.node.Endpoint;
import io.iotsim.cluster.node.NodeExtension;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.security.ApiToken;
import io.iotsim.cluster.security.PemTls;
import io.iotsim.proto.simulator.v1.DeviceRuntimeService;
import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceHandlerFactory;
import io.iotsim.proto.simulator.v1.ScenarioService;
import io.iotsim.proto.simulator.v1.ScenarioServiceHandlerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.grpc.javadsl.ServerReflection;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * Binds a node's gRPC port (simulator.v1 DeviceRuntimeService and ScenarioService, plus server
 * reflection) when the node serves, with message size and keepalive from {@code iot-sim.grpc};
 * every call goes through {@link CallLog} (request id, log line, metrics); the first extension to
 * start, so the banner lists it first. On CoordinatedShutdown it stops taking calls
 * (service-unbind), then gives open calls and streams {@link #DRAIN} to finish.
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
    Config grpc = system.settings().config().getConfig("iot-sim.grpc");
    // Checked before anything binds: a node reachable from other hosts needs a token.
    ApiToken token = ApiToken.from(system.settings().config());
    token.requireFor("iot-sim.node.grpc.host", node.settings().grpcHost());
    var tls = PemTls.from(system.settings().config(), "iot-sim.grpc.tls");
    var spawnMemory =
        new SpawnMemory(
            grpc.getInt("spawn-memory.size"), grpc.getDuration("spawn-memory.time-to-live"));
    @SuppressWarnings("unchecked")
    var handler =
        ServiceHandler.concatOrNotFound(
            DeviceRuntimeServiceHandlerFactory.partial(
                new DeviceRuntimeServiceImpl(node, spawnMemory), DeviceRuntimeService.name, system),
            ScenarioServiceHandlerFactory.partial(
                new ScenarioServiceImpl(node.scenarios()), ScenarioService.name, system),
            // grpcurl and other tools discover the contract from the node itself.
            ServerReflection.create(
                List.of(DeviceRuntimeService.description, ScenarioService.description), system));
    ServerSettings defaults = ServerSettings.create(system.classicSystem());
    var http2 = defaults.getHttp2Settings();
    // "auto" keeps Pekko's ping settings, which the node derives from the idle-timeout.
    if (!grpc.getString("keepalive.interval").equals("auto")) {
      http2 = http2.withPingInterval(grpc.getDuration("keepalive.interval"));
    }
    if (!grpc.getString("keepalive.timeout").equals("auto")) {
      http2 = http2.withPingTimeout(grpc.getDuration("keepalive.timeout"));
    }
    ServerSettings settings =
        defaults
            .withParserSettings(
                defaults
                    .getParserSettings()
                    .withMaxContentLength(grpc.getBytes("max-message-size")))
            .withHttp2Settings(http2);
    var server =
        Http.get(system)
            .newServerAt(node.settings().grpcHost(), node.settings().grpcPort())
            .withSettings(settings);
    if (tls.isPresent()) {
      var context = tls.get().context();
      server = server.enableHttps(ConnectionContext.httpsServer(() -> tls.get().engine(context)));
    }
    String scheme =
        tls.map(t -> t.mutual() ? "gRPC over mutual TLS" : "gRPC over TLS").orElse("gRPC");
    String auth = token.configured() ? ", bearer token required" : "";
    return server
        .bind(CallLog.wrap(GrpcAuth.wrap(handler, token), new GrpcMetrics()))
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
              return new Endpoint(
                  "grpc", at, scheme + " on " + at.getHostString() + ":" + at.getPort() + auth);
            });
  }
}
