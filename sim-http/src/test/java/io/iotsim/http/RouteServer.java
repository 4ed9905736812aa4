package io.iotsim.http;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** One route on a real socket of a small local actor system: for routes that need no node. */
final class RouteServer implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  RouteServer(Route route) throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "route-test",
            ConfigFactory.parseString(
                    "pekko.actor.provider = local\npekko.actor.serialize-messages = off")
                .withFallback(ConfigFactory.load()));
    binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(route)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    system.terminate();
  }
}
